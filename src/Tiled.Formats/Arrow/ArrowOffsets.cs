using System.Buffers.Binary;

namespace Tiled.Formats.Arrow;

/// <summary>The offsets buffer of variable-length columns: little-endian int32 or int64 entries.</summary>
internal static class ArrowOffsets
{
    /// <summary>Throws <see cref="ArrowFormatException"/> unless the offsets of <paramref name="length"/> values are non-negative, non-decreasing and inside the data.</summary>
    public static void Check(ArrowType type, int length, ReadOnlySpan<byte> offsets, int dataLength)
    {
        if (length == 0 && offsets.IsEmpty)
        {
            return;
        }

        var width = type.OffsetWidth;
        if (offsets.Length < (long)(length + 1) * width)
        {
            throw new ArrowFormatException($"The offsets of a {type} column of length {length} have only {offsets.Length} bytes.");
        }

        var previous = Read(offsets, width, 0);
        if (previous < 0)
        {
            throw new ArrowFormatException($"A {type} column starts at negative offset {previous}.");
        }

        for (var i = 1; i <= length; i++)
        {
            var next = Read(offsets, width, i);
            if (next < previous)
            {
                throw new ArrowFormatException($"The offsets of a {type} column decrease at value {i - 1} ({previous} to {next}).");
            }

            previous = next;
        }

        if (previous > dataLength)
        {
            throw new ArrowFormatException($"A {type} column ends at offset {previous} but has only {dataLength} bytes of data.");
        }
    }

    /// <summary>The byte range of value <paramref name="index"/>; the offsets were checked.</summary>
    public static (int Start, int End) Range(ReadOnlySpan<byte> offsets, int width, int index) =>
        ((int)Read(offsets, width, index), (int)Read(offsets, width, index + 1));

    public static long Read(ReadOnlySpan<byte> offsets, int width, int index) => width == 4
        ? BinaryPrimitives.ReadInt32LittleEndian(offsets[(index * 4)..])
        : BinaryPrimitives.ReadInt64LittleEndian(offsets[(index * 8)..]);
}
