using System.Buffers.Binary;
using Tiled.Formats.Arrow;

namespace Tiled.Client;

/// <summary>Joins the pieces of one column (one per record batch) into a single column with its own buffers.</summary>
internal static class ColumnConcat
{
    public static ArrowColumn Concat(ArrowType type, IReadOnlyList<ArrowColumn> parts)
    {
        if (parts.Count == 1)
        {
            return parts[0];
        }

        var length = checked(parts.Sum(p => p.Length));
        var nullCount = parts.Sum(p => p.NullCount);
        var validity = nullCount == 0 ? [] : Bitmap(parts, length, (part, row) => part.IsValid(row));
        if (type.Id == ArrowTypeId.Bool)
        {
            return ArrowColumn.FromBuffers(type, length, nullCount, validity, ReadOnlyMemory<byte>.Empty,
                Bitmap(parts, length, (part, row) => part.GetBoolean(row)));
        }

        if (!type.IsVariableLength)
        {
            var width = type.BitWidth / 8;
            var values = new byte[checked(length * width)];
            var position = 0;
            foreach (var part in parts)
            {
                part.Values.Span[..(part.Length * width)].CopyTo(values.AsSpan(position));
                position += part.Length * width;
            }

            return ArrowColumn.FromBuffers(type, length, nullCount, validity, ReadOnlyMemory<byte>.Empty, values);
        }

        var large = type.Id is ArrowTypeId.LargeUtf8 or ArrowTypeId.LargeBinary;
        var offsetWidth = large ? 8 : 4;
        var offsets = new byte[(length + 1) * offsetWidth];
        using var data = new MemoryStream();
        var index = 0;
        foreach (var part in parts)
        {
            for (var row = 0; row < part.Length; row++)
            {
                data.Write(part.GetBytes(row));
                index++;
                if (large)
                {
                    BinaryPrimitives.WriteInt64LittleEndian(offsets.AsSpan(index * 8), data.Length);
                }
                else
                {
                    BinaryPrimitives.WriteInt32LittleEndian(offsets.AsSpan(index * 4), checked((int)data.Length));
                }
            }
        }

        return ArrowColumn.FromBuffers(type, length, nullCount, validity, offsets, data.ToArray());
    }

    private static byte[] Bitmap(IReadOnlyList<ArrowColumn> parts, int length, Func<ArrowColumn, int, bool> bit)
    {
        var bitmap = new byte[(length + 7) / 8];
        var index = 0;
        foreach (var part in parts)
        {
            for (var row = 0; row < part.Length; row++, index++)
            {
                if (bit(part, row))
                {
                    bitmap[index >> 3] |= (byte)(1 << (index & 7));
                }
            }
        }

        return bitmap;
    }
}
