using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.Formats.Arrow;
using Tiled.Formats.Parquet;
using Tiled.IntegrationTests.DataSources;
using Tiled.IntegrationTests.Infrastructure;
using Tiled.IntegrationTests.Tables;
using Xunit;

namespace Tiled.IntegrationTests.Hostile;

/// <summary>
/// The committed corpus of corrupted files (<c>Hostile/Corpus</c>): Arrow bodies written to a table,
/// Parquet that decompresses far beyond its size (<c>rle-bomb-800mb.parquet</c>: 318 KiB of run-length
/// encoded zeros, two int64 columns of 50 million rows) written to a table, TIFF and npy files registered, msgpack sent where a body is expected, broken JSON bodies. Each is
/// refused with a 4xx and nothing is created or changed.
/// </summary>
public sealed class CorruptCorpusTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(CorpusDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            data.Add(file!);
        }

        return data;
    }

    private static string CorpusDirectory => Path.Combine(RepositoryPaths.Root(), "tests", "Integration", "Hostile", "Corpus");

    [Theory]
    [MemberData(nameof(Files))]
    public async Task A_corrupted_file_is_refused_with_a_4xx_and_changes_nothing(string name)
    {
        if (server.UnavailableReason is not null) { return; }
        var bytes = await File.ReadAllBytesAsync(Path.Combine(CorpusDirectory, name));
        var key = Wire.NewKey();
        HttpResponseMessage response;
        string? created = null;
        switch (Path.GetExtension(name))
        {
            case ".arrow" or ".arrows":
                await TableWire.CreateAsync(server.Http, key);
                var before = await server.Http.GetByteArrayAsync($"/api/v1/table/full/{key}");
                var type = name.EndsWith(".arrows", StringComparison.Ordinal) ? "application/vnd.apache.arrow.stream" : TableWire.ArrowFile;
                response = await server.Http.PutAsync($"/api/v1/table/full/{key}", TableWire.Body(bytes, type));
                (await server.Http.GetByteArrayAsync($"/api/v1/table/full/{key}")).Should().Equal(before);
                break;
            case ".parquet":
                // A table whose schema the file matches: only a bound on what it decodes to can refuse it.
                await TableWire.CreateAsync(server.Http, key, new ArrowSchema([new ArrowField("a", ArrowType.Int64, false), new ArrowField("b", ArrowType.Int64, false)]));
                var stored = await server.Http.GetByteArrayAsync($"/api/v1/table/full/{key}");
                response = await server.Http.PutAsync($"/api/v1/table/full/{key}", TableWire.Body(bytes, ParquetTables.MediaType));
                (await server.Http.GetByteArrayAsync($"/api/v1/table/full/{key}")).Should().Equal(stored);
                break;
            case ".tif" or ".npy":
                var path = Path.Combine(server.ExternalDirectory, key + Path.GetExtension(name));
                await File.WriteAllBytesAsync(path, bytes);
                var mimetype = name.EndsWith(".tif", StringComparison.Ordinal) ? "image/tiff" : "application/x-npy";
                response = await server.Http.PostAsync("/api/v1/register/",
                    Wire.Json(External.Register(key, External.DataSource(mimetype, null, [External.Asset(path)]))));
                created = key;
                break;
            case ".msgpack":
                await Wire.CreateInt64ArrayAsync(server.Http, key, 1, 2);
                var content = new ByteArrayContent(bytes);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/x-msgpack");
                response = await server.Http.PutAsync($"/api/v1/array/full/{key}", content);
                Wire.ToInt64s(await server.Http.GetByteArrayAsync($"/api/v1/array/full/{key}")).Should().Equal(1, 2);
                break;
            default:
                var json = new ByteArrayContent(bytes);
                json.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                response = await server.Http.PostAsync($"/api/v1/metadata/", json);
                created = "x";
                break;
        }

        var detail = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).Should().BeInRange(400, 499, detail);
        JsonNode.Parse(detail)!["detail"]!.ToString().Should().NotBeEmpty();
        if (created is not null)
        {
            (await server.Http.GetAsync($"/api/v1/metadata/{created}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        }
    }
}
