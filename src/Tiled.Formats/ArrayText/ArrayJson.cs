using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Tiled.Formats.DataTypes;

namespace Tiled.Formats.ArrayText;

/// <summary>
/// Writes the raw C-order bytes of an array as nested JSON lists, the form of Tiled's
/// <c>application/json</c> array responses and of array payloads in JSON stream envelopes.
/// A 0-d array is a bare scalar; a zero-length dimension gives empty lists. Elements:
/// bool as true/false; signed and unsigned integers of 1..8 bytes as integers (uint64 unsigned);
/// float16/32/64 as numbers with the shortest digits at their own precision, written as Python
/// writes them ("1.0", "1e-05"), with NaN and ±infinity as null (as orjson does); complex64/128 as a
/// two-element list [real, imag] (our choice: JSON has no complex numbers, and orjson cannot write
/// them); datetime64/timedelta64 as the raw int64 tick count in their unit; S as the bytes without
/// trailing NULs, read as Latin-1; U as the UCS-4 text without trailing NULs. Big-endian data is
/// byte-swapped. Raw void (V) and other kinds throw <see cref="NotSupportedException"/>.
/// </summary>
public static class ArrayJson
{
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Writes the array to <paramref name="writer"/>. Throws <see cref="ArgumentException"/> when
    /// <paramref name="data"/> is not exactly prod(<paramref name="shape"/>) × item size bytes.
    /// </summary>
    public static void Write(Utf8JsonWriter writer, ReadOnlySpan<byte> data, DataType dtype, long[] shape)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var codec = ArrayElementCodec.For(dtype);
        codec.CheckLength(data, shape);
        if (shape.Length == 0)
        {
            WriteElement(writer, data, codec);
            return;
        }

        var offset = 0;
        WriteDimension(writer, data, codec, shape, 0, ref offset);
    }

    /// <summary>The UTF-8 JSON document of <see cref="Write"/>; non-ASCII text is written unescaped, except characters beyond U+FFFF, which become \u surrogate-pair escapes.</summary>
    public static byte[] Serialize(ReadOnlySpan<byte> data, DataType dtype, long[] shape)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, s_options))
        {
            Write(writer, data, dtype, shape);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteDimension(Utf8JsonWriter writer, ReadOnlySpan<byte> data, ArrayElementCodec codec, long[] shape, int dimension, ref int offset)
    {
        writer.WriteStartArray();
        var innermost = dimension == shape.Length - 1;
        for (long i = 0; i < shape[dimension]; i++)
        {
            if (innermost)
            {
                WriteElement(writer, data.Slice(offset, codec.ItemSize), codec);
                offset += codec.ItemSize;
            }
            else
            {
                WriteDimension(writer, data, codec, shape, dimension + 1, ref offset);
            }
        }

        writer.WriteEndArray();
    }

    private static void WriteElement(Utf8JsonWriter writer, ReadOnlySpan<byte> item, ArrayElementCodec codec)
    {
        switch (codec.Type)
        {
            case ArrayElementType.Bool:
                writer.WriteBooleanValue(codec.ReadBool(item));
                break;
            case ArrayElementType.Int8 or ArrayElementType.Int16 or ArrayElementType.Int32 or ArrayElementType.Int64
                or ArrayElementType.DateTime or ArrayElementType.TimeDelta:
                writer.WriteNumberValue(codec.ReadInt64(item));
                break;
            case ArrayElementType.UInt8 or ArrayElementType.UInt16 or ArrayElementType.UInt32 or ArrayElementType.UInt64:
                writer.WriteNumberValue(codec.ReadUInt64(item));
                break;
            case ArrayElementType.Float16 or ArrayElementType.Float32 or ArrayElementType.Float64:
                WriteReal(writer, item, codec, 0);
                break;
            case ArrayElementType.Complex64 or ArrayElementType.Complex128:
                writer.WriteStartArray();
                WriteReal(writer, item, codec, 0);
                WriteReal(writer, item, codec, 1);
                writer.WriteEndArray();
                break;
            case ArrayElementType.Bytes:
                WriteText(writer, NumpyStrings.TrimBytes(item), latin1: true, codec);
                break;
            default:
                WriteText(writer, item, latin1: false, codec);
                break;
        }
    }

    private static void WriteReal(Utf8JsonWriter writer, ReadOnlySpan<byte> item, ArrayElementCodec codec, int part)
    {
        if (!double.IsFinite(codec.ReadReal(item, part)))
        {
            writer.WriteNullValue();
            return;
        }

        Span<char> text = stackalloc char[NumpyFloatFormat.MaxLength];
        var length = codec.FormatReal(item, part, text);
        writer.WriteRawValue(text[..length], skipInputValidation: true);
    }

    private static void WriteText(Utf8JsonWriter writer, ReadOnlySpan<byte> bytes, bool latin1, ArrayElementCodec codec)
    {
        var capacity = latin1 ? bytes.Length : bytes.Length / 2;
        char[]? rented = null;
        var chars = capacity <= 256 ? stackalloc char[256] : (rented = ArrayPool<char>.Shared.Rent(capacity));
        try
        {
            var length = latin1
                ? Encoding.Latin1.GetChars(bytes, chars)
                : NumpyStrings.DecodeUnicode(bytes, codec.BigEndian, chars);
            writer.WriteStringValue(chars[..length]);
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
