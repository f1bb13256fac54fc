using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.IntegrationTests.Infrastructure;
using Tiled.IntegrationTests.Interop;
using Xunit;
using Xunit.Abstractions;

namespace Tiled.IntegrationTests.DataSources;

/// <summary>Registering files written by independent tools and reading them back; refused paths and bad registrations.</summary>
public abstract class RegistrationTests<TServer>(TServer server, ITestOutputHelper output) : IClassFixture<TServer>
    where TServer : TiledServerFixture
{
    private HttpClient Http => server.Http;

    private string File(string name) => Path.Combine(server.ExternalDirectory, name);

    [Fact]
    public async Task Npy_raw_and_tiff_files_read_back_as_numpy_wrote_them()
    {
        if (server.UnavailableReason is not null || !await ZarrPython.IsAvailableAsync(output)) { return; }
        var npy = File(Wire.NewKey() + ".npy");
        var raw = File(Wire.NewKey() + ".bin");
        var tif = File(Wire.NewKey() + ".tif");
        await ZarrPython.RunAsync("""
            import sys, numpy, tifffile
            a = numpy.arange(12, dtype='>i4').reshape(3, 4)
            numpy.save(sys.argv[1], a)
            numpy.arange(6, dtype='<f8').tofile(sys.argv[2])
            tifffile.imwrite(sys.argv[3], (numpy.arange(20, dtype='<u2') * 3).reshape(4, 5), compression='zlib')
            """, npy, raw, tif);

        await RegisterAsync("npy", External.DataSource("application/x-npy", null, [External.Asset(npy)]));
        await RegisterAsync("raw", External.DataSource("application/octet-stream", null, [External.Asset(raw)],
            new JsonObject { ["dtype"] = "<f8", ["shape"] = new JsonArray(6), ["offset"] = 0 }));
        await RegisterAsync("tif", External.DataSource("image/tiff", null, [External.Asset(tif)]));

        (await Http.GetStringAsync($"/api/v1/array/full/{Key("npy")}?format=json")).Should().Be("[[0,1,2,3],[4,5,6,7],[8,9,10,11]]");
        (await Http.GetStringAsync($"/api/v1/array/full/{Key("raw")}?format=json&slice=1:6:2")).Should().Be("[1.0,3.0,5.0]");
        (await Http.GetStringAsync($"/api/v1/array/full/{Key("tif")}?format=json&slice=3")).Should().Be("[45,48,51,54,57]");
        var document = await Wire.ReadJsonAsync(await Http.GetAsync($"/api/v1/metadata/{Key("npy")}?include_data_sources=true"));
        document["data"]!["attributes"]!["data_sources"]![0]!["management"]!.GetValue<string>().Should().Be("external");
    }

    [Fact]
    public async Task Paths_outside_the_readable_storage_are_refused_and_nothing_is_registered()
    {
        if (server.UnavailableReason is not null) { return; }
        var outside = Path.Combine(server.TempDirectory, "outside.bin");
        await System.IO.File.WriteAllBytesAsync(outside, new byte[16]);
        var link = File(Wire.NewKey() + "-link.bin");
        System.IO.File.CreateSymbolicLink(link, outside);
        var parameters = new JsonObject { ["dtype"] = "<f8", ["shape"] = new JsonArray(2) };
        JsonObject Raw(JsonObject asset) => External.DataSource("application/octet-stream", null, [asset], (JsonObject)parameters.DeepClone());

        var direct = await PostRegisterAsync("direct", Raw(External.Asset(outside)));
        var escape = await PostRegisterAsync("escape", Raw(new JsonObject { ["data_uri"] = External.FileUri(server.ExternalDirectory) + "/../outside.bin", ["is_directory"] = false, ["parameter"] = "data_uri", ["num"] = null }));
        var symlink = await PostRegisterAsync("symlink", Raw(External.Asset(link)));
        var http = await PostRegisterAsync("http", Raw(new JsonObject { ["data_uri"] = "http://example.com/x.bin", ["is_directory"] = false, ["parameter"] = "data_uri", ["num"] = null }));

        await direct.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await escape.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await symlink.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await http.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        foreach (var name in new[] { "direct", "escape", "symlink", "http" })
        {
            (await Http.GetAsync($"/api/v1/metadata/{Key(name)}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task Missing_files_and_wrong_declared_structures_are_clear_errors()
    {
        if (server.UnavailableReason is not null) { return; }
        var raw = File(Wire.NewKey() + ".bin");
        await System.IO.File.WriteAllBytesAsync(raw, new byte[48]);
        var parameters = new JsonObject { ["dtype"] = "<f8", ["shape"] = new JsonArray(6) };

        var missing = await PostRegisterAsync("missing", External.DataSource("application/octet-stream", null, [External.Asset(raw + ".nope")], (JsonObject)parameters.DeepClone()));
        var wrongShape = await PostRegisterAsync("shape", External.DataSource("application/octet-stream", External.Structure("f", 8, 7), [External.Asset(raw)], (JsonObject)parameters.DeepClone()));
        var wrongType = await PostRegisterAsync("dtype", External.DataSource("application/octet-stream", External.Structure("i", 4, 6), [External.Asset(raw)], (JsonObject)parameters.DeepClone()));
        var unknownKind = await PostRegisterAsync("kind", External.DataSource("application/x-hdf5", null, [External.Asset(raw)]));

        await missing.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await wrongShape.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).Should().Contain("shape");
        (await wrongType.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).Should().Contain("dtype");
        await unknownKind.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Persisted_writes_to_external_arrays_are_refused_but_streaming_writes_are_allowed()
    {
        if (server.UnavailableReason is not null) { return; }
        var raw = File(Wire.NewKey() + ".bin");
        await System.IO.File.WriteAllBytesAsync(raw, Wire.Int64s(1, 2));
        await RegisterAsync("ext", External.DataSource("application/octet-stream", null, [External.Asset(raw)],
            new JsonObject { ["dtype"] = "<i8", ["shape"] = new JsonArray(2) }));

        await (await Http.PutAsync($"/api/v1/array/full/{Key("ext")}", Wire.Octets(Wire.Int64s(5, 6)))).ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed);
        (await Http.PutAsync($"/api/v1/array/full/{Key("ext")}?persist=false", Wire.Octets(Wire.Int64s(5, 6)))).StatusCode.Should().Be(HttpStatusCode.OK);
        Wire.ToInt64s(await System.IO.File.ReadAllBytesAsync(raw)).Should().Equal(1, 2);
    }

    private readonly string _prefix = Wire.NewKey("r");

    private string Key(string name) => $"{_prefix}-{name}";

    private Task<HttpResponseMessage> PostRegisterAsync(string name, JsonObject dataSource) =>
        Http.PostAsync("/api/v1/register/", Wire.Json(External.Register(Key(name), dataSource)));

    private async Task RegisterAsync(string name, JsonObject dataSource)
    {
        var response = await PostRegisterAsync(name, dataSource);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}

public sealed class SqliteRegistrationTests(SqliteServer server, ITestOutputHelper output) : RegistrationTests<SqliteServer>(server, output);

public sealed class PostgresRegistrationTests(PostgresServer server, ITestOutputHelper output) : RegistrationTests<PostgresServer>(server, output);
