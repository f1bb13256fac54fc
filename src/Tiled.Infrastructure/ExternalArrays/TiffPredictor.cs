using System.Buffers.Binary;

namespace Tiled.Infrastructure.ExternalArrays;

/// <summary>
/// Undoes TIFF predictors on a decoded segment, row by row (rows are the segment's width): 2,
/// horizontal differencing of integer samples in the file's byte order; 3, the floating-point
/// predictor (bytes differenced across the row, then regrouped from planes of most to least
/// significant bytes into values in the file's byte order).
/// </summary>
internal static class TiffPredictor
{
    public static void Undo(Span<byte> data, int predictor, long width, int samples, int itemSize, bool bigEndian)
    {
        if (predictor == 1 || data.IsEmpty)
        {
            return;
        }

        var values = checked((int)(width * samples));
        var rowBytes = values * itemSize;
        var row = predictor == 3 ? new byte[rowBytes] : null;
        for (var start = 0; start + rowBytes <= data.Length; start += rowBytes)
        {
            var span = data.Slice(start, rowBytes);
            if (row is null)
            {
                Horizontal(span, samples, itemSize, bigEndian);
            }
            else
            {
                FloatingPoint(span, row, values, samples, itemSize, bigEndian);
            }
        }
    }

    private static void Horizontal(Span<byte> row, int samples, int itemSize, bool bigEndian)
    {
        var count = row.Length / itemSize;
        for (var i = samples; i < count; i++)
        {
            var current = row.Slice(i * itemSize, itemSize);
            var left = row.Slice((i - samples) * itemSize, itemSize);
            switch (itemSize)
            {
                case 1:
                    current[0] += left[0];
                    break;
                case 2:
                    Write16(current, (ushort)(Read16(current, bigEndian) + Read16(left, bigEndian)), bigEndian);
                    break;
                case 4:
                    Write32(current, Read32(current, bigEndian) + Read32(left, bigEndian), bigEndian);
                    break;
                default:
                    Write64(current, Read64(current, bigEndian) + Read64(left, bigEndian), bigEndian);
                    break;
            }
        }
    }

    private static void FloatingPoint(Span<byte> row, byte[] planes, int values, int samples, int itemSize, bool bigEndian)
    {
        for (var i = samples; i < row.Length; i++)
        {
            row[i] += row[i - samples];
        }

        row.CopyTo(planes);
        for (var v = 0; v < values; v++)
        {
            for (var b = 0; b < itemSize; b++)
            {
                // Plane b holds the b-th most significant byte of every value.
                var target = bigEndian ? b : itemSize - 1 - b;
                row[(v * itemSize) + target] = planes[(b * values) + v];
            }
        }
    }

    private static ushort Read16(ReadOnlySpan<byte> b, bool big) => big ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b);

    private static uint Read32(ReadOnlySpan<byte> b, bool big) => big ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b);

    private static ulong Read64(ReadOnlySpan<byte> b, bool big) => big ? BinaryPrimitives.ReadUInt64BigEndian(b) : BinaryPrimitives.ReadUInt64LittleEndian(b);

    private static void Write16(Span<byte> b, ushort v, bool big)
    {
        if (big)
        {
            BinaryPrimitives.WriteUInt16BigEndian(b, v);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(b, v);
        }
    }

    private static void Write32(Span<byte> b, uint v, bool big)
    {
        if (big)
        {
            BinaryPrimitives.WriteUInt32BigEndian(b, v);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        }
    }

    private static void Write64(Span<byte> b, ulong v, bool big)
    {
        if (big)
        {
            BinaryPrimitives.WriteUInt64BigEndian(b, v);
        }
        else
        {
            BinaryPrimitives.WriteUInt64LittleEndian(b, v);
        }
    }
}
