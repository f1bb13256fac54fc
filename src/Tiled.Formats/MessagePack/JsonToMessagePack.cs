using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tiled.Formats.MessagePack;

/// <summary>The JSON-to-MessagePack rules behind <see cref="MessagePackWriter.WriteJson(JsonElement)"/>.</summary>
internal static class JsonToMessagePack
{
    /// <summary>Throws when a map or array at <paramref name="depth"/> (the number of enclosing containers) would exceed the limit.</summary>
    public static void ThrowIfTooDeep(int depth)
    {
        if (depth >= MessagePackWriter.MaxDepth)
        {
            throw new ArgumentException($"The value nests maps and arrays deeper than {MessagePackWriter.MaxDepth} levels.");
        }
    }

    public static void Write(MessagePackWriter writer, JsonElement element, int depth)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                ThrowIfTooDeep(depth);
                writer.WriteMapHeader(element.GetPropertyCount());
                foreach (var property in element.EnumerateObject())
                {
                    // The raw name is the UTF-8 text itself unless it contains escapes.
                    var rawName = JsonMarshal.GetRawUtf8PropertyName(property);
                    if (rawName.Contains((byte)'\\'))
                    {
                        writer.WriteString(property.Name);
                    }
                    else
                    {
                        writer.WriteStringUtf8(rawName);
                    }

                    Write(writer, property.Value, depth + 1);
                }

                break;
            case JsonValueKind.Array:
                ThrowIfTooDeep(depth);
                writer.WriteArrayHeader(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item, depth + 1);
                }

                break;
            case JsonValueKind.String:
                var unquoted = JsonMarshal.GetRawUtf8Value(element)[1..^1];
                if (unquoted.Contains((byte)'\\'))
                {
                    writer.WriteString(element.GetString() ?? string.Empty);
                }
                else
                {
                    writer.WriteStringUtf8(unquoted);
                }

                break;
            case JsonValueKind.Number:
                WriteNumber(writer, element);
                break;
            case JsonValueKind.True:
                writer.WriteBool(true);
                break;
            case JsonValueKind.False:
                writer.WriteBool(false);
                break;
            case JsonValueKind.Null:
                writer.WriteNil();
                break;
            default:
                throw new ArgumentException("The JSON element holds no value.", nameof(element));
        }
    }

    public static void Write(MessagePackWriter writer, JsonNode? node, int depth)
    {
        switch (node)
        {
            case null:
                writer.WriteNil();
                break;
            case JsonObject obj:
                ThrowIfTooDeep(depth);
                writer.WriteMapHeader(obj.Count);
                foreach (var (key, value) in obj)
                {
                    writer.WriteString(key);
                    Write(writer, value, depth + 1);
                }

                break;
            case JsonArray array:
                ThrowIfTooDeep(depth);
                writer.WriteArrayHeader(array.Count);
                foreach (var item in array)
                {
                    Write(writer, item, depth + 1);
                }

                break;
            case JsonValue value:
                WriteValue(writer, value, depth);
                break;
        }
    }

    private static void WriteNumber(MessagePackWriter writer, JsonElement element)
    {
        if (element.TryGetInt64(out var signed))
        {
            writer.WriteInt64(signed);
        }
        else if (element.TryGetUInt64(out var unsigned))
        {
            writer.WriteUInt64(unsigned);
        }
        else if (element.TryGetDouble(out var real))
        {
            writer.WriteDouble(real);
        }
        else
        {
            // Out-of-range literals such as 1e400 read as infinity, as Python's json module reads them.
            var text = JsonMarshal.GetRawUtf8Value(element);
            writer.WriteDouble(text[0] == (byte)'-' ? double.NegativeInfinity : double.PositiveInfinity);
        }
    }

    private static void WriteValue(MessagePackWriter writer, JsonValue value, int depth)
    {
        if (value.TryGetValue<JsonElement>(out var element))
        {
            Write(writer, element, depth);
        }
        else if (value.TryGetValue<string>(out var text))
        {
            writer.WriteString(text);
        }
        else if (value.TryGetValue<bool>(out var flag))
        {
            writer.WriteBool(flag);
        }
        else if (value.TryGetValue<long>(out var signed))
        {
            writer.WriteInt64(signed);
        }
        else if (value.TryGetValue<int>(out var small))
        {
            writer.WriteInt64(small);
        }
        else if (value.TryGetValue<double>(out var real))
        {
            writer.WriteDouble(real);
        }
        else
        {
            // Any other CLR value (decimal, DateTime, Guid...) is written as its JSON text reads back.
            using var document = JsonDocument.Parse(value.ToJsonString());
            Write(writer, document.RootElement, depth);
        }
    }
}
