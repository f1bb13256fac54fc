using System.Text.Json.Nodes;

namespace Tiled.Domain.Nodes;

/// <summary>Tiled's JSON form of specs: a list of <c>{"name", "version"}</c>.</summary>
public static class SpecJson
{
    public static JsonArray ToJson(IEnumerable<Spec> specs) =>
        new(specs.Select(s => (JsonNode?)new JsonObject { ["name"] = s.Name, ["version"] = s.Version }).ToArray());
}
