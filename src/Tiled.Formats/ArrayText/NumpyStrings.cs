using System.Buffers.Binary;
using System.Text;

namespace Tiled.Formats.ArrayText;

/// <summary>
/// Text of numpy's fixed-width string elements. As numpy does when it reads an element, trailing
/// NUL bytes (S) or NUL code points (U) are dropped; NULs inside the value are kept.
/// </summary>
internal static class NumpyStrings
{
    /// <summary>The bytes of an S element without its trailing NULs.</summary>
    public static ReadOnlySpan<byte> TrimBytes(ReadOnlySpan<byte> item)
    {
        var end = item.Length;
        while (end > 0 && item[end - 1] == 0)
        {
            end--;
        }

        return item[..end];
    }

    /// <summary>
    /// Decodes a U element (UCS-4 code units in the given byte order) into UTF-16, returning the
    /// number of chars written; <paramref name="destination"/> needs room for half the item size.
    /// Code units that are not Unicode scalar values become U+FFFD.
    /// </summary>
    public static int DecodeUnicode(ReadOnlySpan<byte> item, bool bigEndian, Span<char> destination)
    {
        var units = item.Length / 4;
        while (units > 0 && ReadUnit(item, units - 1, bigEndian) == 0)
        {
            units--;
        }

        var written = 0;
        for (var i = 0; i < units; i++)
        {
            var rune = Rune.TryCreate(ReadUnit(item, i, bigEndian), out var valid) ? valid : Rune.ReplacementChar;
            written += rune.EncodeToUtf16(destination[written..]);
        }

        return written;
    }

    /// <summary>Appends Python's <c>repr</c> of a bytes value, as numpy's savetxt prints S elements: <c>b'abc'</c>, <c>b"it's"</c>, <c>b'\x00\n'</c>.</summary>
    public static void AppendBytesRepr(StringBuilder builder, ReadOnlySpan<byte> bytes)
    {
        var quote = bytes.Contains((byte)'\'') && !bytes.Contains((byte)'"') ? '"' : '\'';
        builder.Append('b').Append(quote);
        foreach (var b in bytes)
        {
            switch (b)
            {
                case (byte)'\\':
                    builder.Append("\\\\");
                    break;
                case (byte)'\t':
                    builder.Append("\\t");
                    break;
                case (byte)'\n':
                    builder.Append("\\n");
                    break;
                case (byte)'\r':
                    builder.Append("\\r");
                    break;
                case < 0x20 or >= 0x7f:
                    builder.Append("\\x").Append(HexDigit(b >> 4)).Append(HexDigit(b & 0xf));
                    break;
                default:
                    if (b == quote)
                    {
                        builder.Append('\\');
                    }

                    builder.Append((char)b);
                    break;
            }
        }

        builder.Append(quote);
    }

    private static char HexDigit(int value) => (char)(value < 10 ? '0' + value : 'a' + value - 10);

    private static uint ReadUnit(ReadOnlySpan<byte> item, int index, bool bigEndian)
    {
        var unit = item.Slice(index * 4, 4);
        return bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(unit) : BinaryPrimitives.ReadUInt32LittleEndian(unit);
    }
}
