using System.Buffers;
using MessagePack;

namespace Tiled.UnitTests.Formats;

/// <summary>Runs MessagePack-CSharp writer calls and shows the bytes as lowercase hex.</summary>
internal static class Packed
{
    public delegate void WriteAction(ref MessagePackWriter writer);

    public static string Hex(WriteAction write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        write(ref writer);
        writer.Flush();
        return Convert.ToHexStringLower(buffer.WrittenSpan);
    }

    public static byte[] Bytes(string hex) => Convert.FromHexString(hex);

    public static string Repeat(string hex, int count) => string.Concat(Enumerable.Repeat(hex, count));
}
