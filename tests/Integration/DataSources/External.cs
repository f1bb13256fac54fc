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

    /// <summary>A raw little-endian int64 file of <paramref name="values"/> in <paramref name="directory"/>, as a data source to register (or, with <paramref name="id"/>, to replace).</summary>
    public static async Task<JsonObject> RawInt64DataSourceAsync(string directory, long[] values, long? id = null)
    {
        var raw = Path.Combine(directory, Wire.NewKey() + ".bin");
        await File.WriteAllBytesAsync(raw, Wire.Int64s(values));
        return DataSource("application/octet-stream", null, [Asset(raw)],
            new JsonObject { ["dtype"] = "<i8", ["shape"] = new JsonArray(values.Length) }, id);
    }

    /// <summary>Registers a raw int64 array as <paramref name="key"/> and returns a data source that would replace its own (same id, a new file).</summary>
    public static async Task<JsonObject> RegisterRawInt64Async(HttpClient http, string directory, string key)
    {
        var created = await Wire.ReadJsonAsync(await http.PostAsync("/api/v1/register/", Wire.Json(Register(key, await RawInt64DataSourceAsync(directory, [1, 2, 3])))));
        return await RawInt64DataSourceAsync(directory, [1, 2, 3], created["data_sources"]![0]!["id"]!.GetValue<long>());
    }

    public static JsonObject Structure(string kind, int itemSize, params long[] shape) =>
        (JsonObject)Wire.ArrayBody("k", kind, itemSize, shape, shape.Select(n => new[] { n }).ToArray())["data_sources"]![0]!["structure"]!.DeepClone();
}
