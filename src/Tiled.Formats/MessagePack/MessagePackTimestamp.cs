using System.Buffers;
using System.Buffers.Binary;

namespace Tiled.Formats.MessagePack;

/// <summary>
/// Reads the timestamp extension's data (type -1) as a UTC <see cref="DateTimeOffset"/>. The
/// library's own <c>ReadDateTime</c> is not used for reading: it checks neither the nanoseconds
/// field nor the range of <see cref="DateTime"/>, and throws <see cref="ArgumentOutOfRangeException"/>
/// where hostile input must give a <see cref="MessagePackException"/>. Writing goes through the
/// library (<see cref="MessagePackWriterExtensions.WriteTimestamp"/>).
/// </summary>
internal static class MessagePackTimestamp
{
    private const long TicksPerSecond = TimeSpan.TicksPerSecond;
    private static readonly long s_minSeconds = (DateTimeOffset.MinValue.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TicksPerSecond;
    private static readonly long s_maxSeconds = (DateTimeOffset.MaxValue.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TicksPerSecond;

    /// <summary>Decodes the 4-, 8- or 12-byte data of a timestamp; <paramref name="offset"/> names the value in errors.</summary>
    public static DateTimeOffset Decode(in ReadOnlySequence<byte> data, long offset)
    {
        Span<byte> bytes = stackalloc byte[12];
        if (data.Length is not (4 or 8 or 12))
        {
            throw new MessagePackException($"Timestamp at offset {offset} has {data.Length} bytes; only 4, 8 and 12 are valid.");
        }

        bytes = bytes[..(int)data.Length];
        data.CopyTo(bytes);
        switch (bytes.Length)
        {
            case 4:
                return FromUnix(BinaryPrimitives.ReadUInt32BigEndian(bytes), 0, offset);
            case 8:
                var packed = BinaryPrimitives.ReadUInt64BigEndian(bytes);
                return FromUnix((long)(packed & 0x3_ffff_ffffUL), (uint)(packed >> 34), offset);
            default:
                var nanoseconds = BinaryPrimitives.ReadUInt32BigEndian(bytes);
                return FromUnix(BinaryPrimitives.ReadInt64BigEndian(bytes[4..]), nanoseconds, offset);
        }
    }

    /// <summary>Builds a UTC point in time; sub-100 ns precision is truncated.</summary>
    private static DateTimeOffset FromUnix(long seconds, uint nanoseconds, long offset)
    {
        if (nanoseconds > 999_999_999)
        {
            throw new MessagePackException($"Timestamp at offset {offset} has {nanoseconds} nanoseconds; the maximum is 999999999.");
        }

        if (seconds < s_minSeconds || seconds > s_maxSeconds)
        {
            throw new MessagePackException($"Timestamp at offset {offset} ({seconds} s since 1970) is outside the range of DateTimeOffset.");
        }

        var ticks = DateTimeOffset.UnixEpoch.UtcTicks + (seconds * TicksPerSecond) + (nanoseconds / 100);
        return new DateTimeOffset(ticks, TimeSpan.Zero);
    }
}
