using System.Text.Json.Nodes;
using Tiled.Formats.Arrow;

namespace Tiled.Client;

/// <summary>Tiled's table structure JSON (protocol §4.2) as the client builds it.</summary>
internal static class TableStructureJson
{
    public static JsonObject For(ArrowSchema schema, int partitions) => new()
    {
        ["arrow_schema"] = ArrowSchemaMessage.ToDataUri(schema),
        ["npartitions"] = partitions,
        ["columns"] = new JsonArray([.. schema.Fields.Select(f => (JsonNode?)f.Name)]),
        ["resizable"] = false,
    };
}
