namespace Tiled.Formats.MessagePack;

/// <summary>Conversions between <see cref="DateTimeOffset"/> and the timestamp extension's seconds and nanoseconds.</summary>
internal static class MessagePackTimestamp
{
    private const long TicksPerSecond = TimeSpan.TicksPerSecond;
    private static readonly long s_minSeconds = (DateTimeOffset.MinValue.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TicksPerSecond;
    private static readonly long s_maxSeconds = (DateTimeOffset.MaxValue.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TicksPerSecond;

    /// <summary>Splits a point in time into whole Unix seconds (floored) and 0..999,999,900 nanoseconds.</summary>
    public static (long Seconds, uint Nanoseconds) ToUnix(DateTimeOffset value)
    {
        var ticks = value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var seconds = Math.DivRem(ticks, TicksPerSecond, out var remainder);
        if (remainder < 0)
        {
            seconds--;
            remainder += TicksPerSecond;
        }

        return (seconds, (uint)(remainder * 100));
    }

    /// <summary>Builds a UTC point in time; sub-100 ns precision is truncated.</summary>
    public static DateTimeOffset FromUnix(long seconds, uint nanoseconds, int offset)
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
