using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.Formats.Arrow;
using Tiled.IntegrationTests.Infrastructure;
using Tiled.IntegrationTests.Interop;
using Xunit;
using Xunit.Abstractions;
using static Tiled.IntegrationTests.Tables.TableWire;

namespace Tiled.IntegrationTests.Tables;

/// <summary>
/// A table written by apache-arrow (JavaScript), uploaded, appended to and read back through the
/// server: apache-arrow reads what we serve as exactly its own rows, twice over, with its schema
/// and metadata (one column of every type our codec supports, nulls, an empty batch).
/// </summary>
public sealed class TableInteropTests(SqliteServer server, ITestOutputHelper output) : IClassFixture<SqliteServer>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tiled-table-interop-").FullName;

    [Theory]
    [InlineData(ArrowFile, "served.arrow")]
    [InlineData(ArrowStream, "served.arrows")]
    public async Task A_file_apache_arrow_wrote_is_uploaded_appended_to_and_read_back_identically_by_apache_arrow(string accept, string name)
    {
        var runner = ArrowNodeRunner.Find(output);
        if (runner is null || server.UnavailableReason is not null)
        {
            return;
        }

        var theirs = await runner.WriteAsync(_directory);
        var file = await File.ReadAllBytesAsync(Path.Combine(_directory, "reference.arrow"));
        var stream = await File.ReadAllBytesAsync(Path.Combine(_directory, "reference.arrows"));
        var key = Wire.NewKey("t");
        await CreateAsync(server.Http, key, ArrowFileReader.ReadSchema(file), mimetype: SqlTable);

        (await server.Http.PutAsync($"/api/v1/table/full//{key}", Body(file))).EnsureSuccessStatusCode();
        (await server.Http.PatchAsync($"/api/v1/table/partition//{key}?partition=0", Body(stream, ArrowStream))).EnsureSuccessStatusCode();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/table/full/{key}");
        request.Headers.Accept.ParseAdd(accept);
        using var response = await server.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        response.Content.Headers.ContentType!.MediaType.Should().Be(accept);
        var served = Path.Combine(_directory, name);
        await File.WriteAllBytesAsync(served, await response.Content.ReadAsByteArrayAsync());

        var read = await runner.ReadAsync(served);

        var batches = theirs["batches"]!.AsArray();
        var expected = new JsonObject
        {
            ["schema"] = theirs["schema"]!.DeepClone(),
            ["batches"] = new JsonArray([.. batches.Select(b => b!.DeepClone()), .. batches.Select(b => b!.DeepClone())]),
        };
        ArrowCanonicalJson.ShouldEqual(read, expected);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
