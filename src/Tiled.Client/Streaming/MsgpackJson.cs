using System.Text.Json.Nodes;

namespace Tiled.Client.Streaming;

/// <summary>Turns decoded msgpack trees (maps, lists, scalars) into JSON nodes for metadata.</summary>
internal static class MsgpackJson
{
    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        Dictionary<string, object?> map => new JsonObject(map.Select(p => KeyValuePair.Create(p.Key, ToJson(p.Value)))),
        List<object?> list => new JsonArray(list.Select(ToJson).ToArray()),
        string s => s,
        bool b => b,
        long l => l,
        ulong u => u,
        double d => d,
        DateTimeOffset t => t.ToString("O"),
        byte[] bytes => Convert.ToBase64String(bytes),
        _ => value.ToString(),
    };

    public static JsonObject Object(object? value) => ToJson(value) as JsonObject ?? [];
}
