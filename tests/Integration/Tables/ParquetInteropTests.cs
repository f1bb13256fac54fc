using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.Formats.Parquet;
using Tiled.IntegrationTests.Infrastructure;
using Tiled.IntegrationTests.Interop;
using Xunit;
using Xunit.Abstractions;
using static Tiled.IntegrationTests.Tables.TableWire;

namespace Tiled.IntegrationTests.Tables;

/// <summary>
/// Tiled's <c>application/x-parquet</c> table format against hyparquet (an independent JavaScript
/// Parquet reader and writer): a file hyparquet-writer wrote is uploaded and appended to, and
/// hyparquet reads the Parquet we serve as exactly its rows twice over.
/// </summary>
public sealed class ParquetInteropTests(SqliteServer server, ITestOutputHelper output) : IClassFixture<SqliteServer>, IDisposable
{
    private const string Parquet = "application/x-parquet";
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(120);
    private readonly string _directory = Directory.CreateTempSubdirectory("tiled-parquet-").FullName;

    [Fact]
    public async Task Hyparquet_reads_back_its_own_rows_twice_after_an_upload_and_an_append()
    {
        if (NodeInterop.Locate(output, "hyparquet/package.json", "hyparquet", "Parquet") is not { } node || server.UnavailableReason is not null)
        {
            return;
        }

        var (key, theirs) = await UploadTwiceAsync(node);
        var served = Path.Combine(_directory, "served.parquet");
        using var response = await server.Http.GetAsync($"/api/v1/table/full/{key}?format=parquet");
        response.EnsureSuccessStatusCode();
        response.Content.Headers.ContentType!.MediaType.Should().Be(Parquet);
        await File.WriteAllBytesAsync(served, await response.Content.ReadAsByteArrayAsync());

        var read = await RunAsync(node, "read", served);

        read["columns"]!.ToJsonString().Should().Be(Twice(theirs).ToJsonString());
        var json = JsonNode.Parse(await server.Http.GetStringAsync($"/api/v1/table/full/{key}?format=json"))!;
        json.ToJsonString().Should().Be(Twice(theirs).ToJsonString());
    }

    [Fact]
    public async Task Corrupt_parquet_is_a_400_naming_the_format_and_the_stored_rows_stay()
    {
        if (NodeInterop.Locate(output, "hyparquet/package.json", "hyparquet", "Parquet") is not { } node || server.UnavailableReason is not null)
        {
            return;
        }

        var (key, theirs) = await UploadTwiceAsync(node);
        var bytes = await File.ReadAllBytesAsync(Path.Combine(_directory, "theirs.parquet"));
        bytes.AsSpan(4, bytes.Length - 12).Fill(0x5A);

        using var response = await server.Http.PatchAsync($"/api/v1/table/partition/{key}?partition=0", Body(bytes, Parquet));

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).Should().Contain("not a valid Parquet file");
        var json = JsonNode.Parse(await server.Http.GetStringAsync($"/api/v1/table/full/{key}?format=json"))!;
        json.ToJsonString().Should().Be(Twice(theirs).ToJsonString());
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static JsonObject Twice(JsonObject columns) => new(columns.Select(c =>
        KeyValuePair.Create(c.Key, (JsonNode?)new JsonArray([.. c.Value!.AsArray().Select(v => v?.DeepClone()), .. c.Value!.AsArray().Select(v => v?.DeepClone())]))));

    private static Task<JsonObject> RunAsync((string Node, string Directory) node, string command, string path) =>
        NodeInterop.RunJsonAsync(node.Node, node.Directory, "parquet-interop.mjs", command, path, s_timeout);

    private async Task<(string Key, JsonObject Columns)> UploadTwiceAsync((string Node, string Directory) node)
    {
        var path = Path.Combine(_directory, "theirs.parquet");
        var theirs = (await RunAsync(node, "write", path))["columns"]!.AsObject();
        var file = await File.ReadAllBytesAsync(path);
        var key = Wire.NewKey("pq");
        await CreateAsync(server.Http, key, ParquetTables.Read(file).Schema, mimetype: SqlTable);
        (await server.Http.PutAsync($"/api/v1/table/full//{key}", Body(file, Parquet))).EnsureSuccessStatusCode();
        (await server.Http.PatchAsync($"/api/v1/table/partition//{key}?partition=0", Body(file, Parquet))).EnsureSuccessStatusCode();
        return (key, theirs);
    }
}
