using System.Text.Json.Nodes;
using Tiled.Domain.Metadata;
using Tiled.Domain.Nodes;

namespace Tiled.Application.Metadata;

/// <summary>Reads specs from Tiled's JSON (a list of <c>{"name", "version"}</c> objects or bare names).</summary>
public static class SpecParsing
{
    public static IReadOnlyList<Spec> FromJson(JsonNode? node)
    {
        if (node is null)
        {
            return [];
        }

        if (node is not JsonArray array)
        {
            throw new InvalidPatchDocumentException("specs must be a list.");
        }

        return array.Select(ParseOne).ToArray();
    }

    private static Spec ParseOne(JsonNode? item) => item switch
    {
        JsonValue v when v.TryGetValue<string>(out var name) => new Spec(name, null),
        JsonObject o when o["name"] is JsonValue n && n.TryGetValue<string>(out var name) =>
            new Spec(name, o["version"] is JsonValue ver && ver.TryGetValue<string>(out var version) ? version : null),
        _ => throw new InvalidPatchDocumentException("Each spec must be an object with a string 'name'."),
    };
}
