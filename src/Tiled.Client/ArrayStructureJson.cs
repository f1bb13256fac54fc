using System.Text.Json.Nodes;
using Tiled.Formats.DataTypes;

namespace Tiled.Client;

/// <summary>Tiled's array structure JSON, as the client builds and reads it.</summary>
internal static class ArrayStructureJson
{
    public static JsonObject For(DataType dataType, long[] shape, long[][] chunks) => new()
    {
        ["data_type"] = dataType.ToJson(),
        ["chunks"] = new JsonArray(chunks.Select(c => (JsonNode?)new JsonArray(c.Select(v => (JsonNode?)v).ToArray())).ToArray()),
        ["shape"] = new JsonArray(shape.Select(v => (JsonNode?)v).ToArray()),
        ["dims"] = null,
        ["resizable"] = false,
    };

    public static long[] Longs(JsonNode? node) => (node as JsonArray ?? []).Select(v => v?.GetValue<long>() ?? 0).ToArray();
}
