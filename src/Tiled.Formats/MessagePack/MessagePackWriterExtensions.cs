using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using MessagePack;

namespace Tiled.Formats.MessagePack;

/// <summary>
/// What we add to MessagePack-CSharp's <see cref="MessagePackWriter"/>: JSON documents written as
/// MessagePack by our rules, timestamps from <see cref="DateTimeOffset"/>, and a bin header that
/// reserves no room for its body. Everything is written through the library's writer, in the
/// smallest form the specification allows (as npm @msgpack/msgpack writes it).
/// </summary>
public static class MessagePackWriterExtensions
{
    /// <summary>
    /// Writes a JSON value as MessagePack: objects become maps with str keys (in document order,
    /// duplicates kept), arrays become arrays, strings str, true/false/null bool and nil. A number
    /// written without fraction or exponent that fits a long becomes an integer, one that fits only
    /// a ulong an unsigned integer; any other number becomes a float64. Nesting deeper than
    /// <see cref="MessagePackValue.MaxDepth"/> throws <see cref="ArgumentException"/>.
    /// </summary>
    public static void WriteJson(ref this MessagePackWriter writer, JsonElement element) => Write(ref writer, element, 0);

    /// <summary>Writes a <see cref="JsonNode"/> tree with the same rules as <see cref="WriteJson(ref MessagePackWriter, JsonElement)"/>; null writes nil.</summary>
    public static void WriteJson(ref this MessagePackWriter writer, JsonNode? node) => Write(ref writer, node, 0);

    /// <summary>
    /// Writes a timestamp (extension type -1) in its smallest form (32-, 64- or 96-bit), through the
    /// library's <see cref="DateTime"/> encoding. The offset of <paramref name="value"/> is dropped (timestamps are UTC).
    /// </summary>
    public static void WriteTimestamp(ref this MessagePackWriter writer, DateTimeOffset value) => writer.Write(value.UtcDateTime);

    /// <summary>
    /// Writes only the header of a bin of <paramref name="length"/> bytes, whose body the caller sends
    /// separately (or writes with <see cref="MessagePackWriter.WriteRaw(ReadOnlySpan{byte})"/>). Unlike
    /// <see cref="MessagePackWriter.WriteBinHeader"/>, which asks the output for room for the body too,
    /// this asks for the 5 header bytes only, so a small scratch buffer stays small when a large payload
    /// is sent where it lies.
    /// </summary>
    public static void WriteBinHeaderOnly(ref this MessagePackWriter writer, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var span = writer.GetSpan(5);
        _ = MessagePackPrimitives.TryWriteBinHeader(span, (uint)length, out var written);
        writer.Advance(written);
    }

    internal static void Write(ref MessagePackWriter writer, JsonElement element, int depth)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                MessagePackValue.ThrowIfTooDeep(depth);
                writer.WriteMapHeader(element.GetPropertyCount());
                foreach (var property in element.EnumerateObject())
                {
                    // The raw name is the UTF-8 text itself unless it contains escapes.
                    var rawName = JsonMarshal.GetRawUtf8PropertyName(property);
                    if (rawName.Contains((byte)'\\'))
                    {
                        writer.Write(property.Name);
                    }
                    else
                    {
                        writer.WriteString(rawName);
                    }

                    Write(ref writer, property.Value, depth + 1);
                }

                break;
            case JsonValueKind.Array:
                MessagePackValue.ThrowIfTooDeep(depth);
                writer.WriteArrayHeader(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    Write(ref writer, item, depth + 1);
                }

                break;
            case JsonValueKind.String:
                var unquoted = JsonMarshal.GetRawUtf8Value(element)[1..^1];
                if (unquoted.Contains((byte)'\\'))
                {
                    writer.Write(element.GetString() ?? string.Empty);
                }
                else
                {
                    writer.WriteString(unquoted);
                }

                break;
            case JsonValueKind.Number:
                WriteNumber(ref writer, element);
                break;
            case JsonValueKind.True:
                writer.Write(true);
                break;
            case JsonValueKind.False:
                writer.Write(false);
                break;
            case JsonValueKind.Null:
                writer.WriteNil();
                break;
            default:
                throw new ArgumentException("The JSON element holds no value.", nameof(element));
        }
    }

    internal static void Write(ref MessagePackWriter writer, JsonNode? node, int depth)
    {
        switch (node)
        {
            case null:
                writer.WriteNil();
                break;
            case JsonObject obj:
                MessagePackValue.ThrowIfTooDeep(depth);
                writer.WriteMapHeader(obj.Count);
                foreach (var (key, value) in obj)
                {
                    writer.Write(key);
                    Write(ref writer, value, depth + 1);
                }

                break;
            case JsonArray array:
                MessagePackValue.ThrowIfTooDeep(depth);
                writer.WriteArrayHeader(array.Count);
                foreach (var item in array)
                {
                    Write(ref writer, item, depth + 1);
                }

                break;
            case JsonValue value:
                WriteValue(ref writer, value, depth);
                break;
        }
    }

    private static void WriteNumber(ref MessagePackWriter writer, JsonElement element)
    {
        if (element.TryGetInt64(out var signed))
        {
            writer.Write(signed);
        }
        else if (element.TryGetUInt64(out var unsigned))
        {
            writer.Write(unsigned);
        }
        else if (element.TryGetDouble(out var real))
        {
            writer.Write(real);
        }
        else
        {
            // Out-of-range literals such as 1e400 read as infinity, as Python's json module reads them.
            var text = JsonMarshal.GetRawUtf8Value(element);
            writer.Write(text[0] == (byte)'-' ? double.NegativeInfinity : double.PositiveInfinity);
        }
    }

    private static void WriteValue(ref MessagePackWriter writer, JsonValue value, int depth)
    {
        if (value.TryGetValue<JsonElement>(out var element))
        {
            Write(ref writer, element, depth);
        }
        else if (value.TryGetValue<string>(out var text))
        {
            writer.Write(text);
        }
        else if (value.TryGetValue<bool>(out var flag))
        {
            writer.Write(flag);
        }
        else if (value.TryGetValue<long>(out var signed))
        {
            writer.Write(signed);
        }
        else if (value.TryGetValue<int>(out var small))
        {
            writer.Write((long)small);
        }
        else if (value.TryGetValue<double>(out var real))
        {
            writer.Write(real);
        }
        else
        {
            // Any other CLR value (decimal, DateTime, Guid...) is written as its JSON text reads back.
            using var document = JsonDocument.Parse(value.ToJsonString());
            Write(ref writer, document.RootElement, depth);
        }
    }
}
