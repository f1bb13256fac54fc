using System.Buffers;
using System.Globalization;
using System.Text;
using Tiled.Formats.DataTypes;

namespace Tiled.Formats.ArrayText;

/// <summary>
/// Writes the raw C-order bytes of an array as Tiled's <c>text/csv</c> array response, the text of
/// <c>numpy.savetxt(file, array, fmt="%s", delimiter=",")</c>: a 1-d array gives one value per
/// line, a 2-d array one row per line with values separated by commas, and every line ends with
/// "\n" (a 0-d array, which savetxt rejects, gives its one value on one line). Values are numpy's
/// <c>str()</c>: integers "1", floats "1.0", "0.1", "1e-05", "nan", "inf" at their own precision,
/// bools "True"/"False", complex values as savetxt writes them, " (1.0+2.0j)" and " (1.0-2.0j)"
/// (with the leading space), datetime64 in ISO 8601 at its unit ("2020-01-01T00:00:00"),
/// timedelta64 as "5 seconds", NaT as "NaT", S as Python's bytes repr ("b'abc'") and U as the text
/// itself. Nothing is quoted or escaped. Raw void (V) elements throw <see cref="NotSupportedException"/>.
/// </summary>
public static class ArrayCsv
{
    /// <summary>
    /// Returns the CSV text. Throws <see cref="NotSupportedException"/> for more than 2 dimensions
    /// and <see cref="ArgumentException"/> when <paramref name="data"/> is not exactly
    /// prod(<paramref name="shape"/>) × item size bytes.
    /// </summary>
    public static string Write(ReadOnlySpan<byte> data, DataType dtype, long[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Length > 2)
        {
            throw new NotSupportedException("CSV supports arrays of up to 2 dimensions");
        }

        var codec = ArrayElementCodec.For(dtype);
        var count = codec.CheckLength(data, shape);
        var dates = codec.Type is ArrayElementType.DateTime or ArrayElementType.TimeDelta
            ? NumpyDateTimeFormat.Parse(dtype.DtUnits)
            : null;
        var rows = shape.Length == 0 ? 1 : shape[0];
        var columns = shape.Length == 2 ? shape[1] : 1;
        var builder = new StringBuilder((int)Math.Min((count * 8) + rows, 1 << 20));
        var offset = 0;
        for (long row = 0; row < rows; row++)
        {
            for (long column = 0; column < columns; column++)
            {
                if (column > 0)
                {
                    builder.Append(',');
                }

                AppendElement(builder, data.Slice(offset, codec.ItemSize), codec, dates);
                offset += codec.ItemSize;
            }

            builder.Append('\n');
        }

        return builder.ToString();
    }

    private static void AppendElement(StringBuilder builder, ReadOnlySpan<byte> item, ArrayElementCodec codec, NumpyDateTimeFormat? dates)
    {
        Span<char> text = stackalloc char[NumpyFloatFormat.MaxLength];
        switch (codec.Type)
        {
            case ArrayElementType.Bool:
                builder.Append(codec.ReadBool(item) ? "True" : "False");
                break;
            case ArrayElementType.Int8 or ArrayElementType.Int16 or ArrayElementType.Int32 or ArrayElementType.Int64:
                builder.Append(CultureInfo.InvariantCulture, $"{codec.ReadInt64(item)}");
                break;
            case ArrayElementType.UInt8 or ArrayElementType.UInt16 or ArrayElementType.UInt32 or ArrayElementType.UInt64:
                builder.Append(CultureInfo.InvariantCulture, $"{codec.ReadUInt64(item)}");
                break;
            case ArrayElementType.Float16 or ArrayElementType.Float32 or ArrayElementType.Float64:
                builder.Append(text[..codec.FormatReal(item, 0, text)]);
                break;
            case ArrayElementType.Complex64 or ArrayElementType.Complex128:
                // savetxt formats each complex column as ' (%s+%sj)' and then replaces "+-" with "-".
                builder.Append(" (").Append(text[..codec.FormatReal(item, 0, text)]);
                var imaginary = text[..codec.FormatReal(item, 1, text)];
                if (imaginary[0] != '-')
                {
                    builder.Append('+');
                }

                builder.Append(imaginary).Append("j)");
                break;
            case ArrayElementType.DateTime:
                dates?.AppendDateTime(builder, codec.ReadInt64(item));
                break;
            case ArrayElementType.TimeDelta:
                dates?.AppendTimeDelta(builder, codec.ReadInt64(item));
                break;
            case ArrayElementType.Bytes:
                NumpyStrings.AppendBytesRepr(builder, NumpyStrings.TrimBytes(item));
                break;
            default:
                AppendUnicode(builder, item, codec);
                break;
        }
    }

    private static void AppendUnicode(StringBuilder builder, ReadOnlySpan<byte> item, ArrayElementCodec codec)
    {
        var capacity = item.Length / 2;
        char[]? rented = null;
        var chars = capacity <= 256 ? stackalloc char[256] : (rented = ArrayPool<char>.Shared.Rent(capacity));
        try
        {
            builder.Append(chars[..NumpyStrings.DecodeUnicode(item, codec.BigEndian, chars)]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }
}
