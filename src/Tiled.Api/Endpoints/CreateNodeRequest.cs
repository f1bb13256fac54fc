using System.Text.Json.Nodes;
using Tiled.Application.Metadata;
using Tiled.Application.Nodes.CreateNode;
using Tiled.Domain.DataSources;
using Tiled.Domain.Nodes;

namespace Tiled.Api.Endpoints;

/// <summary>Parses the body of <c>POST /api/v1/metadata/{path}</c> (protocol §5.1) into a command.</summary>
internal static class CreateNodeRequest
{
    private static readonly HashSet<string> DataSourceKeys =
        ["structure_family", "structure", "id", "mimetype", "parameters", "properties", "assets", "management"];

    public static CreateNodeCommand Parse(NodePath parent, JsonNode? body, bool register = false)
    {
        if (body is not JsonObject obj)
        {
            throw new RequestBodyException("The request body must be a JSON object.");
        }

        var family = Family(obj["structure_family"]);
        var metadata = obj["metadata"] switch
        {
            null => new JsonObject(),
            JsonObject m => (JsonObject)m.DeepClone(),
            _ => throw new RequestBodyException("metadata must be a JSON object."),
        };
        var key = obj["id"] switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => throw new RequestBodyException("id must be a string."),
        };
        var sources = obj["data_sources"] switch
        {
            null => [],
            JsonArray a => a.Select(DataSource).ToArray(),
            _ => throw new RequestBodyException("data_sources must be a list."),
        };
        return new CreateNodeCommand(parent, key, family, metadata, SpecParsing.FromJson(obj["specs"]), sources, register);
    }

    private static StructureFamily Family(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var name)
            ? StructureFamilyNames.Parse(name) ?? throw new RequestBodyException($"structure_family '{name}' is not supported.")
            : throw new RequestBodyException("structure_family is required.");

    /// <summary>Parses one data source (protocol §4.4); unknown keys are refused as Tiled's model does.</summary>
    public static DataSource DataSource(JsonNode? node)
    {
        if (node is not JsonObject obj)
        {
            throw new RequestBodyException("Each data source must be a JSON object.");
        }

        var unknown = obj.Select(p => p.Key).Where(k => !DataSourceKeys.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new RequestBodyException($"Unknown data source field(s): {string.Join(", ", unknown)}.");
        }

        var management = Text(obj["management"]) ?? "writable";
        return new DataSource(
            obj["id"] is JsonValue id && id.TryGetValue<long>(out var number) ? number : null,
            Family(obj["structure_family"]),
            obj["structure"] as JsonObject is { } s ? (JsonObject)s.DeepClone() : null,
            Text(obj["mimetype"]) ?? "",
            obj["parameters"] as JsonObject is { } p ? (JsonObject)p.DeepClone() : [],
            obj["properties"] as JsonObject is { } q ? (JsonObject)q.DeepClone() : [],
            Enum.TryParse<Management>(management, ignoreCase: true, out var m) ? m
                : throw new RequestBodyException($"management '{management}' is not one of writable, external, immutable, locked."),
            obj["assets"] is JsonArray assets ? assets.Select(Asset).ToArray() : []);
    }

    private static Asset Asset(JsonNode? node) => node is JsonObject a
        ? new Asset(null, Text(a["data_uri"]) ?? throw new RequestBodyException("Each asset needs a data_uri."),
            a["is_directory"] is JsonValue d && d.TryGetValue<bool>(out var isDir) && isDir,
            Text(a["parameter"]),
            a["num"] is JsonValue n && n.TryGetValue<int>(out var num) ? num : null)
        : throw new RequestBodyException("Each asset must be a JSON object.");

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
