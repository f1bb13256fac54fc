using System.Buffers;
using Tiled.Formats.MessagePack;

namespace Tiled.UnitTests.Formats;

/// <summary>Runs writer calls and shows the bytes as lowercase hex.</summary>
internal static class Packed
{
    public static string Hex(Action<MessagePackWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(new MessagePackWriter(buffer));
        return Convert.ToHexStringLower(buffer.WrittenSpan);
    }

    public static byte[] Bytes(string hex) => Convert.FromHexString(hex);

    public static string Repeat(string hex, int count) => string.Concat(Enumerable.Repeat(hex, count));
}
