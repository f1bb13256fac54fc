using System.Text.Json.Nodes;
using Tiled.Domain.Arrays;
using Tiled.Formats.Arrow;

namespace Tiled.Domain.Tables;

/// <summary>Maps <see cref="TableStructure"/> to and from Tiled's structure JSON (protocol §4.2).</summary>
internal static class TableStructureJson
{
    public static JsonObject ToJson(TableStructure structure) => new()
    {
        ["arrow_schema"] = structure.ArrowSchemaUri,
        ["npartitions"] = structure.PartitionCount,
        ["columns"] = new JsonArray([.. structure.Columns.Select(c => (JsonNode?)c)]),
        ["resizable"] = structure.Resizable,
    };

    public static TableStructure FromJson(JsonNode? node)
    {
        if (node is not JsonObject obj)
        {
            throw new InvalidStructureException("A table structure must be a JSON object.");
        }

        var uri = obj["arrow_schema"] is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw new InvalidStructureException("arrow_schema must be a data URI string.");
        ArrowSchema schema;
        try
        {
            schema = ArrowSchemaMessage.FromDataUri(uri);
        }
        catch (Exception e) when (e is ArrowFormatException or ArrowNotSupportedException)
        {
            throw new InvalidStructureException($"arrow_schema is not a usable Arrow schema: {e.Message}");
        }

        var partitions = obj["npartitions"] switch
        {
            null => 1,
            JsonValue n when n.TryGetValue<long>(out var count) => count,
            JsonValue n when n.TryGetValue<int>(out var count) => count,
            _ => throw new InvalidStructureException("npartitions must be an integer."),
        };
        var columns = obj["columns"] switch
        {
            null => schema.Fields.Select(f => f.Name).ToArray(),
            JsonArray array => array.Select(item => item is JsonValue v && v.TryGetValue<string>(out var name)
                ? name
                : throw new InvalidStructureException("columns must be a list of strings.")).ToArray(),
            _ => throw new InvalidStructureException("columns must be a list of strings."),
        };
        var resizable = obj["resizable"] switch
        {
            null => false,
            JsonValue r when r.TryGetValue<bool>(out var flag) => flag,
            _ => throw new InvalidStructureException("resizable must be a boolean."),
        };
        return TableStructure.Validated(uri, schema, partitions, columns, resizable);
    }
}
