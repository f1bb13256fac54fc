using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Tiled.Infrastructure.ArrayStorage;

/// <summary>
/// Zarr v2 <c>fill_value</c>s: the JSON we write for a new array, and the element bytes an existing
/// array's value stands for (what its missing chunks read as).
/// </summary>
internal static class ZarrFillValue
{
    /// <summary>The zero fill value as zarr-python writes it for <paramref name="kind"/>.</summary>
    public static JsonNode? Zero(char kind) => kind switch
    {
        'b' => JsonValue.Create(false),
        'f' => JsonNode.Parse("0.0"),
        'c' => JsonNode.Parse("[0.0, 0.0]"),
        'S' or 'V' or 'U' => JsonValue.Create(""),
        _ => JsonValue.Create(0),
    };

    /// <summary>
    /// One element's bytes for <paramref name="value"/> in <paramref name="dtype"/>'s byte order, or
    /// null when they are all zero (or the value is null: zarr leaves such chunks uninitialised,
    /// we read zeros).
    /// </summary>
    public static byte[]? ToPattern(JsonNode? value, ZarrDType dtype)
    {
        if (value is null)
        {
            return null;
        }

        var bytes = new byte[dtype.ItemSize];
        switch (dtype.Kind)
        {
            case 'b':
                bytes[0] = value.GetValue<bool>() ? (byte)1 : (byte)0;
                break;
            case 'i' or 'M' or 'm':
                WriteInteger(bytes, ReadInt64(value), dtype);
                break;
            case 'u':
                WriteInteger(bytes, unchecked((long)ReadUInt64(value)), dtype);
                break;
            case 'f':
                WriteFloat(bytes, ReadDouble(value), dtype.IsBigEndian);
                break;
            case 'c' when value is JsonArray { Count: 2 } parts:
                var half = dtype.ItemSize / 2;
                WriteFloat(bytes.AsSpan(0, half), ReadDouble(parts[0]), dtype.IsBigEndian);
                WriteFloat(bytes.AsSpan(half), ReadDouble(parts[1]), dtype.IsBigEndian);
                break;
            case 'S' or 'V':
                var raw = Convert.FromBase64String(value.GetValue<string>());
                raw.AsSpan(0, Math.Min(raw.Length, bytes.Length)).CopyTo(bytes);
                break;
            case 'U':
                var encoding = new UTF32Encoding(bigEndian: dtype.Order == '>', byteOrderMark: false);
                var encoded = encoding.GetBytes(value.GetValue<string>());
                encoded.AsSpan(0, Math.Min(encoded.Length, bytes.Length)).CopyTo(bytes);
                break;
            default:
                throw new NotSupportedException($"Zarr fill_value {value.ToJsonString()} for dtype kind '{dtype.Kind}' is not supported.");
        }

        return bytes.AsSpan().ContainsAnyExcept((byte)0) ? bytes : null;
    }

    /// <summary>Repeats <paramref name="pattern"/> over <paramref name="buffer"/>; a null pattern leaves it as is (zeros).</summary>
    public static void Fill(Span<byte> buffer, byte[]? pattern)
    {
        if (pattern is null)
        {
            return;
        }

        for (var offset = 0; offset + pattern.Length <= buffer.Length; offset += pattern.Length)
        {
            pattern.CopyTo(buffer[offset..]);
        }
    }

    private static long ReadInt64(JsonNode value) =>
        value is JsonValue v && v.TryGetValue<long>(out var n) ? n : checked((long)ReadDouble(value));

    private static ulong ReadUInt64(JsonNode value) =>
        value is JsonValue v && v.TryGetValue<ulong>(out var n) ? n : checked((ulong)ReadDouble(value));

    private static double ReadDouble(JsonNode? value)
    {
        if (value is JsonValue v && v.TryGetValue<string>(out var text))
        {
            return text switch
            {
                // numpy's NaN is the positive quiet NaN; .NET's double.NaN has the sign bit set.
                "NaN" => BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0000),
                "Infinity" => double.PositiveInfinity,
                "-Infinity" => double.NegativeInfinity,
                _ => double.Parse(text, CultureInfo.InvariantCulture),
            };
        }

        return value?.GetValue<double>() ?? throw new FormatException("A Zarr fill_value component is null.");
    }

    private static void WriteInteger(Span<byte> bytes, long value, ZarrDType dtype)
    {
        Span<byte> little = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(little, value);
        little[..bytes.Length].CopyTo(bytes);
        if (dtype.IsBigEndian)
        {
            bytes.Reverse();
        }
    }

    private static void WriteFloat(Span<byte> bytes, double value, bool bigEndian)
    {
        switch (bytes.Length)
        {
            case 2:
                BinaryPrimitives.WriteHalfLittleEndian(bytes, (Half)value);
                break;
            case 4:
                BinaryPrimitives.WriteSingleLittleEndian(bytes, (float)value);
                break;
            case 8:
                BinaryPrimitives.WriteDoubleLittleEndian(bytes, value);
                break;
            default:
                throw new NotSupportedException($"Floating-point fill values of {bytes.Length} bytes are not supported.");
        }

        if (bigEndian)
        {
            bytes.Reverse();
        }
    }
}
