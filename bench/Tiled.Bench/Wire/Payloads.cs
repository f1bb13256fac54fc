using System.Buffers.Binary;
using System.Diagnostics;

namespace Tiled.Bench.Wire;

/// <summary>
/// Array bodies that carry their send time: the first 8 bytes are a <see cref="Stopwatch"/> timestamp
/// (int64, little-endian; the first element of an int64 array, the first two of a uint32 one) and the
/// next 8 the writer's running index. Subscribers in this process subtract it from their receipt time.
/// </summary>
internal static class Payloads
{
    public static byte[] Create(int bytes)
    {
        var payload = new byte[Math.Max(bytes, 16)];
        // Not all zeros, so that nothing on the way can shortcut the content.
        for (var i = 16; i < payload.Length; i++)
        {
            payload[i] = (byte)(i * 31);
        }

        return payload.Length == bytes ? payload : payload[..bytes];
    }

    /// <summary>Stamps <paramref name="payload"/> with the current time and <paramref name="index"/>, just before sending it.</summary>
    public static void Stamp(byte[] payload, long index)
    {
        BinaryPrimitives.WriteInt64LittleEndian(payload, Stopwatch.GetTimestamp());
        if (payload.Length >= 16)
        {
            BinaryPrimitives.WriteInt64LittleEndian(payload.AsSpan(8), index);
        }
    }
}
