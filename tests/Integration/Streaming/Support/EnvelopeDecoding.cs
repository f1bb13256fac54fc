using System.Buffers.Binary;
using System.Text.Json.Nodes;

namespace Tiled.IntegrationTests.Streaming.Support;

/// <summary>Turns decoded msgpack envelopes into JSON for comparison with the json envelope.</summary>
public static class EnvelopeDecoding
{
    /// <summary>A decoded msgpack value as JSON (maps, lists, numbers, strings, booleans, null); bin is not expected here.</summary>
    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        Dictionary<string, object?> map => new JsonObject(map.Select(p => KeyValuePair.Create(p.Key, ToJson(p.Value)))),
        List<object?> list => new JsonArray(list.Select(ToJson).ToArray()),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        long l => JsonValue.Create(l),
        ulong u => JsonValue.Create(u),
        double d => JsonValue.Create(d),
        byte[] => throw new InvalidDataException("Binary values belong only in 'payload'."),
        _ => throw new InvalidDataException($"Unexpected msgpack value {value.GetType().Name}."),
    };

    /// <summary>Every key but <c>payload</c>, as JSON, reparsed so that numbers compare by value.</summary>
    public static JsonObject HeaderOf(Dictionary<string, object?> message) =>
        Reparse(new JsonObject(message.Where(p => p.Key != "payload").Select(p => KeyValuePair.Create(p.Key, ToJson(p.Value)))));

    /// <summary>A JSON object without the given keys, reparsed.</summary>
    public static JsonObject Without(JsonObject message, params string[] keys) =>
        Reparse(new JsonObject(message.Where(p => !keys.Contains(p.Key)).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))));

    /// <summary>Little-endian int64 values.</summary>
    public static long[] Int64s(ReadOnlySpan<byte> payload)
    {
        var values = new long[payload.Length / 8];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadInt64LittleEndian(payload[(i * 8)..]);
        }

        return values;
    }

    /// <summary>Little-endian float64 values.</summary>
    public static double[] Float64s(ReadOnlySpan<byte> payload)
    {
        var values = new double[payload.Length / 8];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadDoubleLittleEndian(payload[(i * 8)..]);
        }

        return values;
    }

    /// <summary>The numbers of nested JSON lists in C order, and the lists' shape.</summary>
    public static (List<JsonValue> Values, long[] Shape) Flatten(JsonNode? lists)
    {
        var values = new List<JsonValue>();
        var shape = new List<long>();
        for (var node = lists; node is JsonArray level; node = level.Count > 0 ? level[0] : null)
        {
            shape.Add(level.Count);
        }

        Collect(lists, values);
        return (values, [.. shape]);
    }

    private static void Collect(JsonNode? node, List<JsonValue> values)
    {
        switch (node)
        {
            case JsonArray list:
                foreach (var item in list)
                {
                    Collect(item, values);
                }

                break;
            case JsonValue value:
                values.Add(value);
                break;
            default:
                throw new InvalidDataException($"Not a number or list: {node?.ToJsonString() ?? "null"}");
        }
    }

    private static JsonObject Reparse(JsonObject node) => JsonNode.Parse(node.ToJsonString()) as JsonObject ?? [];
}
