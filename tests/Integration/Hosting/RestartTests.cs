using FluentAssertions;
using Microsoft.AspNetCore.Builder;
using Tiled.Api.Hosting;
using Tiled.Client;
using Tiled.IntegrationTests.Infrastructure;
using Tiled.IntegrationTests.Interop;
using Tiled.IntegrationTests.Persistence;
using Xunit;
using Xunit.Abstractions;

namespace Tiled.IntegrationTests.Hosting;

/// <summary>Stopping the server and starting it again on the same catalog and storage finds everything.</summary>
public sealed class RestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tiled-restart-").FullName;
    private readonly PostgresCatalogDatabase _postgres = new();

    public Task InitializeAsync() => _postgres.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _postgres.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public Task Sqlite_catalog_survives_a_restart() =>
        WriteRestartAndReadAsync($"sqlite:///{Path.Combine(_directory, "catalog.db")}");

    [Fact]
    public async Task Postgres_catalog_survives_a_restart()
    {
        if (_postgres.UnavailableReason is not null) { return; }
        await WriteRestartAndReadAsync(PostgresUris.From(_postgres.ConnectionString));
    }

    [Fact]
    public async Task Zarr_python_reads_what_the_server_stored()
    {
        var settings = Settings($"sqlite:///{Path.Combine(_directory, "zarr.db")}");
        await using var app = await StartAsync(settings);
        var root = await TiledClient.ConnectAsync(new Uri(TiledServer.BoundAddress(app)), TiledServerFixture.ApiKey);
        var x = await root.CreateArrayAsync("grid", Formats.DataTypes.DataType.Int32, [3, 4], [[2, 1], [3, 1]]);
        await x.WriteAsync(NdArray.Create(Enumerable.Range(0, 12).ToArray(), 3, 4));
        await x.PatchAsync(NdArray.Create([100, 101], 1, 2), offset: [3, 2], extend: true);
        if (!await ZarrPython.IsAvailableAsync(output))
        {
            return;
        }

        var directory = Directory.GetDirectories(settings.WriteStorage).Single();
        var printed = await ZarrPython.RunAsync(
            "import sys, json, zarr; a = zarr.open(sys.argv[1], mode='r'); print(json.dumps({'shape': list(a.shape), 'values': a[:].tolist()}))",
            directory);

        printed.Trim().Should().Be(
            "{\"shape\": [4, 4], \"values\": [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11], [0, 0, 100, 101]]}");
    }

    private async Task WriteRestartAndReadAsync(string databaseUri)
    {
        var settings = Settings(databaseUri);
        await using (var first = await StartAsync(settings))
        {
            var root = await TiledClient.ConnectAsync(new Uri(TiledServer.BoundAddress(first)), TiledServerFixture.ApiKey);
            var folder = await root.CreateContainerAsync("run");
            var x = await folder.WriteArrayAsync(NdArray.From(1L, 2L, 3L), "x");
            await x.PatchAsync(NdArray.From(4L), offset: [3], extend: true);
            await first.StopAsync();
        }

        await using var second = await StartAsync(settings with { InitIfNotExists = false });
        var reopened = await TiledClient.ConnectAsync(new Uri(TiledServer.BoundAddress(second)), TiledServerFixture.ApiKey);
        var array = (ArrayClient)await ((ContainerClient)await reopened.GetAsync("run")).GetAsync("x");
        array.Shape.Should().Equal(4);
        (await array.ReadAsync<long>()).Values.Should().Equal(1, 2, 3, 4);
    }

    private ServerSettings Settings(string databaseUri) => new()
    {
        Port = 0,
        ApiKey = TiledServerFixture.ApiKey,
        DatabaseUri = databaseUri,
        WriteStorage = Path.Combine(_directory, "data-" + Math.Abs(databaseUri.GetHashCode())),
        InitIfNotExists = true,
    };

    private static async Task<WebApplication> StartAsync(ServerSettings settings)
    {
        var app = await TiledServer.BuildAsync(settings);
        await app.StartAsync();
        return app;
    }
}
