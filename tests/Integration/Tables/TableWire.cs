using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Tiled.Formats.Arrow;
using Tiled.IntegrationTests.Infrastructure;

namespace Tiled.IntegrationTests.Tables;

/// <summary>Table requests as Tiled's Python client sends them (protocol §5.1, §7, §14), and Arrow helpers.</summary>
public static class TableWire
{
    public const string ArrowFile = "application/vnd.apache.arrow.file";
    public const string ArrowStream = "application/vnd.apache.arrow.stream";
    public const string SqlTable = "application/x-tiled-sql-table";

    /// <summary>a: int64, b: double, c: string.</summary>
    public static readonly ArrowSchema Schema = new(
        [new ArrowField("a", ArrowType.Int64), new ArrowField("b", ArrowType.Float64), new ArrowField("c", ArrowType.Utf8)]);

    public static JsonObject TableBody(string key, ArrowSchema? schema = null, int partitions = 1, string? mimetype = null, JsonNode? columns = null)
    {
        schema ??= Schema;
        return new JsonObject
        {
            ["ancestors"] = new JsonArray(""),
            ["metadata"] = new JsonObject { ["kind"] = "table" },
            ["structure_family"] = "table",
            ["specs"] = new JsonArray(),
            ["data_sources"] = new JsonArray(new JsonObject
            {
                ["structure_family"] = "table",
                ["structure"] = new JsonObject
                {
                    ["arrow_schema"] = ArrowSchemaMessage.ToDataUri(schema),
                    ["npartitions"] = partitions,
                    ["columns"] = columns ?? new JsonArray([.. schema.Fields.Select(f => (JsonNode?)f.Name)]),
                    ["resizable"] = false,
                },
                ["id"] = null, ["mimetype"] = mimetype, ["parameters"] = new JsonObject(), ["properties"] = new JsonObject(),
                ["assets"] = new JsonArray(), ["management"] = "writable",
            }),
            ["access_blob"] = new JsonObject(),
            ["id"] = key,
        };
    }

    public static async Task CreateAsync(HttpClient http, string key, ArrowSchema? schema = null, int partitions = 1, string? mimetype = null)
    {
        var created = await http.PostAsync("/api/v1/metadata/", Wire.Json(TableBody(key, schema, partitions, mimetype)));
        if (!created.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"create failed {created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        }
    }

    public static RecordBatch Rows(long[] a, double?[] b, string?[] c) =>
        new([ArrowColumn.FromInt64([.. a.Select(v => (long?)v)]), ArrowColumn.FromFloat64(b), ArrowColumn.FromStrings(c)]);

    public static byte[] FileOf(params RecordBatch[] batches) => ArrowFileWriter.Write(Schema, batches);

    public static ByteArrayContent Body(byte[] bytes, string contentType = ArrowFile)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    public static async Task<ArrowTable> ReadAsync(HttpClient http, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd(ArrowFile);
        using var response = await http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {url} answered {response.StatusCode}: {System.Text.Encoding.UTF8.GetString(bytes)}");
        }

        return ArrowFileReader.Read(bytes);
    }

    /// <summary>Column <paramref name="name"/> of every batch as int64 values (null for nulls).</summary>
    public static long?[] Int64s(ArrowTable table, string name = "a")
    {
        var index = table.Schema.IndexOf(name);
        return [.. table.Batches.SelectMany(b => Enumerable.Range(0, b.Length).Select(i => b.Columns[index].IsNull(i) ? null : (long?)b.Columns[index].GetInt64(i)))];
    }
}
