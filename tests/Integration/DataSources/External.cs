using System.Text.Json.Nodes;
using Tiled.IntegrationTests.Infrastructure;

namespace Tiled.IntegrationTests.DataSources;

/// <summary>Request bodies for registering external files (protocol §5.2, §5.3).</summary>
internal static class External
{
    public static string FileUri(string path) => "file://localhost" + Path.GetFullPath(path);

    public static JsonObject DataSource(string mimetype, JsonObject? structure, IEnumerable<JsonObject> assets, JsonObject? parameters = null, long? id = null) => new()
    {
        ["structure_family"] = "array",
        ["structure"] = structure,
        ["id"] = id,
        ["mimetype"] = mimetype,
        ["parameters"] = parameters ?? new JsonObject(),
        ["properties"] = new JsonObject(),
        ["assets"] = new JsonArray(assets.Select(a => (JsonNode?)a).ToArray()),
        ["management"] = "external",
    };

    public static JsonObject Asset(string path, string parameter = "data_uri", int? num = null) => new()
    {
        ["data_uri"] = FileUri(path), ["is_directory"] = false, ["parameter"] = parameter, ["num"] = num, ["id"] = null, ["size"] = null,
    };

    public static JsonObject Register(string key, JsonObject dataSource) => new()
    {
        ["metadata"] = new JsonObject(), ["structure_family"] = "array", ["specs"] = new JsonArray(),
        ["data_sources"] = new JsonArray(dataSource), ["access_blob"] = new JsonObject(), ["id"] = key,
    };

    public static JsonObject Structure(string kind, int itemSize, params long[] shape) =>
        (JsonObject)Wire.ArrayBody("k", kind, itemSize, shape, shape.Select(n => new[] { n }).ToArray())["data_sources"]![0]!["structure"]!.DeepClone();
}
