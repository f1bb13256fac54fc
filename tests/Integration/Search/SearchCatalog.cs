using System.Text.Json.Nodes;
using Tiled.IntegrationTests.Infrastructure;

namespace Tiled.IntegrationTests.Search;

/// <summary>
/// A container of five children with varied metadata, made over HTTP as Tiled's client makes them:
/// a (container, specs xdi), b (array), c (container, specs xdi + other), d (container, values of
/// other types), e (container, no metadata). Each test gets its own container.
/// </summary>
public static class SearchCatalog
{
    public static readonly string[] Keys = ["a", "b", "c", "d", "e"];

    public static async Task<string> CreateAsync(HttpClient http)
    {
        var parent = Wire.NewKey("s");
        (await http.PostAsync("/api/v1/metadata/", Wire.Json(Wire.ContainerBody(parent)))).EnsureSuccessStatusCode();
        await ChildAsync(http, parent, Container("a", """{"color": "red", "t": 100, "sample": {"name": "Ni foil"}, "tags": ["ccd", "x"], "flag": true, "note": "the cat dog"}""", "xdi"));
        var array = Wire.Int64Body("b", 3);
        array["metadata"] = JsonNode.Parse("""{"color": "blue", "t": 250.5, "sample": {"name": "Cu foil"}, "tags": ["pilatus"], "flag": false, "note": "a dogma"}""");
        array["ancestors"] = new JsonArray(parent);
        await ChildAsync(http, parent, array);
        await ChildAsync(http, parent, Container("c", """{"color": "red", "t": 300, "sample": {"name": "ni powder"}, "tags": [], "note": "do not"}""", "xdi", "other"));
        await ChildAsync(http, parent, Container("d", """{"color": 5, "t": "300", "nested": {"deep": {"x": [1, 2]}}, "sample": "plain"}"""));
        await ChildAsync(http, parent, Container("e", "{}"));
        // A grandchild: never among the parent's search results or distinct values.
        var grandchild = Container("g", """{"color": "green", "note": "dog"}""");
        (await http.PostAsync($"/api/v1/metadata/{parent}/a", Wire.Json(grandchild))).EnsureSuccessStatusCode();
        return parent;
    }

    private static async Task ChildAsync(HttpClient http, string parent, JsonObject body) =>
        (await http.PostAsync($"/api/v1/metadata/{parent}", Wire.Json(body))).EnsureSuccessStatusCode();

    private static JsonObject Container(string key, string metadata, params string[] specs)
    {
        var body = Wire.ContainerBody(key);
        body["metadata"] = JsonNode.Parse(metadata);
        body["specs"] = new JsonArray(specs.Select(s => (JsonNode?)new JsonObject { ["name"] = s, ["version"] = null }).ToArray());
        return body;
    }
}
