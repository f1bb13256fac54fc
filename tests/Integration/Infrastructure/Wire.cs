using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Tiled.IntegrationTests.Infrastructure;

/// <summary>Request bodies as Tiled's Python client sends them (protocol §5.1, §14).</summary>
public static class Wire
{
    public static string NewKey(string prefix = "x") => prefix + Guid.NewGuid().ToString("N")[..10];

    public static JsonObject ArrayBody(string key, string kind, int itemSize, long[] shape, long[][] chunks, string endianness = "little") => new()
    {
        ["ancestors"] = new JsonArray(""),
        ["metadata"] = new JsonObject { ["color"] = "red" },
        ["structure_family"] = "array",
        ["specs"] = new JsonArray(),
        ["data_sources"] = new JsonArray(new JsonObject
        {
            ["structure_family"] = "array",
            ["structure"] = new JsonObject
            {
                ["data_type"] = new JsonObject { ["endianness"] = itemSize == 1 ? "not_applicable" : endianness, ["kind"] = kind, ["itemsize"] = itemSize, ["dt_units"] = null },
                ["chunks"] = new JsonArray(chunks.Select(c => (JsonNode?)new JsonArray(c.Select(v => (JsonNode?)v).ToArray())).ToArray()),
                ["shape"] = new JsonArray(shape.Select(v => (JsonNode?)v).ToArray()),
                ["dims"] = null,
                ["resizable"] = false,
            },
            ["id"] = null, ["mimetype"] = null, ["parameters"] = new JsonObject(), ["properties"] = new JsonObject(),
            ["assets"] = new JsonArray(), ["management"] = "writable",
        }),
        ["access_blob"] = new JsonObject(),
        ["id"] = key,
    };

    public static JsonObject ContainerBody(string key) => new()
    {
        ["metadata"] = new JsonObject(), ["structure_family"] = "container", ["specs"] = new JsonArray(),
        ["data_sources"] = new JsonArray(), ["access_blob"] = new JsonObject(), ["id"] = key,
    };

    public static JsonObject Int64Body(string key, long length) => ArrayBody(key, "i", 8, [length], [[length]]);

    public static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    public static ByteArrayContent Octets(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }

    public static byte[] Int64s(params long[] values) => values.SelectMany(BitConverter.GetBytes).ToArray();

    public static long[] ToInt64s(byte[] bytes) =>
        Enumerable.Range(0, bytes.Length / 8).Select(i => BitConverter.ToInt64(bytes, i * 8)).ToArray();

    public static async Task<JsonObject> ReadJsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonObject ?? throw new InvalidOperationException("not a JSON object");

    public static async Task CreateInt64ArrayAsync(HttpClient http, string key, params long[] values)
    {
        var created = await http.PostAsync("/api/v1/metadata/", Json(Int64Body(key, values.Length)));
        created.EnsureSuccessStatusCode();
        var written = await http.PutAsync($"/api/v1/array/full//{key}", Octets(Int64s(values)));
        written.EnsureSuccessStatusCode();
    }
}
