using System.Text.Json.Nodes;
using Tiled.Domain.Nodes;

namespace Tiled.Infrastructure.Persistence;

/// <summary>JSON text stored in the catalog's columns, parsed back into the domain's JSON objects.</summary>
internal static class JsonColumns
{
    public static string Write(JsonObject value) => value.ToJsonString();

    public static string? WriteOptional(JsonObject? value) => value?.ToJsonString();

    public static JsonObject Read(string text) =>
        JsonNode.Parse(text) as JsonObject ?? throw Corrupt("a JSON object");

    public static JsonObject? ReadOptional(string? text) => text is null ? null : Read(text);

    public static string WriteSpecs(IReadOnlyList<Spec> specs) =>
        new JsonArray(specs.Select(s => (JsonNode?)new JsonObject { ["name"] = s.Name, ["version"] = s.Version }).ToArray())
            .ToJsonString();

    public static IReadOnlyList<Spec> ReadSpecs(string text)
    {
        var array = JsonNode.Parse(text) as JsonArray ?? throw Corrupt("a JSON list of specs");
        return array
            .Select(item => item is JsonObject spec && spec["name"]?.GetValue<string>() is { } name
                ? new Spec(name, spec["version"]?.GetValue<string>())
                : throw Corrupt("a spec {name, version}"))
            .ToList();
    }

    private static InvalidOperationException Corrupt(string expected) =>
        new($"The catalog holds a value that is not {expected}.");
}
