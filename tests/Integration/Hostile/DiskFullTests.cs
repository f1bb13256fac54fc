using System.Net;
using FluentAssertions;
using Tiled.Api.Hosting;
using Tiled.IntegrationTests.Infrastructure;
using Tiled.IntegrationTests.Persistence;
using Xunit;
using Xunit.Abstractions;

namespace Tiled.IntegrationTests.Hostile;

/// <summary>Array and table storage on an 8 MiB tmpfs the test fills (mounting needs root), under a catalog of the subclass's.</summary>
public abstract class FullDiskServer : TiledServerFixture
{
    public string Mount => Path.Combine(TempDirectory, "small");

    public string? SkipReason { get; private set; }

    protected override ServerSettings Adjust(ServerSettings settings) => settings with { WriteStorage = Path.Combine(Mount, "data") };

    /// <summary>Mounts the tmpfs; when that is impossible, says so (the test is then skipped with the reason).</summary>
    protected async Task MountAsync()
    {
        SkipReason = await Tmpfs.MountAsync(Mount, "8m");
        if (SkipReason is not null)
        {
            Console.WriteLine($"Disk-full tests skipped: {SkipReason}.");
        }
    }

    protected override async Task DisposeDatabaseAsync()
    {
        if (SkipReason is null)
        {
            await Tmpfs.UnmountAsync(Mount);
        }
    }
}

/// <summary>The SQLite catalog on the small disk too.</summary>
public sealed class SqliteFullDiskServer : FullDiskServer
{
    protected override async Task<string?> DatabaseUriAsync()
    {
        await MountAsync();
        return $"sqlite:///{Path.Combine(Mount, "catalog.db")}";
    }
}

/// <summary>A PostgreSQL catalog (on its own disk) over storage on the small disk.</summary>
public sealed class PostgresFullDiskServer : FullDiskServer
{
    private readonly PostgresCatalogDatabase _database = new();

    protected override async Task<string?> DatabaseUriAsync()
    {
        await _database.InitializeAsync();
        if (_database.UnavailableReason is { } reason)
        {
            UnavailableReason = reason;
            return null;
        }

        await MountAsync();
        return PostgresUris.From(_database.ConnectionString);
    }

    protected override async Task DisposeDatabaseAsync()
    {
        await base.DisposeDatabaseAsync();
        await _database.DisposeAsync();
    }
}

/// <summary>
/// With the disk full, creates and writes fail with 507 or 503 (never 500) and leave nothing behind
/// (no node, no storage directory); once space is freed, repeating each failed request gives what a
/// first attempt would (no 409).
/// </summary>
public abstract class DiskFullTests<TServer>(TServer server, ITestOutputHelper output) : IClassFixture<TServer>
    where TServer : FullDiskServer
{
    [Fact]
    public async Task Requests_on_a_full_disk_fail_cleanly_and_succeed_when_repeated_after_space_is_freed()
    {
        if (server.UnavailableReason is not null) { return; }
        if (server.SkipReason is not null)
        {
            output.WriteLine($"Skipped: {server.SkipReason}.");
            return;
        }

        var existing = Wire.NewKey("e");
        await Wire.CreateInt64ArrayAsync(server.Http, existing, 1, 2);
        var filler = Path.Combine(server.Mount, "filler");
        Tmpfs.Fill(filler);

        var failedCreates = new List<string>();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            var key = Wire.NewKey("f");
            var body = i % 2 == 0 ? Wire.ContainerBody(key) : Wire.Int64Body(key, 100_000);
            var response = await server.Http.PostAsync("/api/v1/metadata/", Wire.Json(body));
            statuses.Add(response.StatusCode);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                failedCreates.Add(key);
                (await server.Http.GetAsync($"/api/v1/metadata/{key}")).StatusCode.Should().BeOneOf(HttpStatusCode.NotFound, HttpStatusCode.ServiceUnavailable);
            }
        }

        var big = Enumerable.Range(0, 200_000).Select(i => (long)i).ToArray();
        var bigKey = Wire.NewKey("big");
        var bigCreate = await server.Http.PostAsync("/api/v1/metadata/", Wire.Json(Wire.Int64Body(bigKey, big.Length)));
        var bigWrite = bigCreate.IsSuccessStatusCode
            ? await server.Http.PutAsync($"/api/v1/array/full/{bigKey}", Wire.Octets(Wire.Int64s(big)))
            : bigCreate;
        statuses.Add(bigWrite.StatusCode);
        output.WriteLine($"statuses on the full disk: {string.Join(", ", statuses.Select(s => (int)s))}");
        statuses.Should().OnlyContain(s => s == HttpStatusCode.OK || s == HttpStatusCode.ServiceUnavailable || s == HttpStatusCode.InsufficientStorage);
        statuses.Should().Contain(s => s != HttpStatusCode.OK, "the disk is full");

        File.Delete(filler);
        foreach (var key in failedCreates.Append(bigCreate.IsSuccessStatusCode ? null : bigKey).OfType<string>())
        {
            Directory.GetDirectories(server.Settings.WriteStorage, $"{key}-*").Should().BeEmpty($"the failed create of {key} left no storage");
        }

        foreach (var key in failedCreates)
        {
            var retry = await server.Http.PostAsync("/api/v1/metadata/", Wire.Json(Wire.ContainerBody(key)));
            retry.StatusCode.Should().Be(HttpStatusCode.OK, await retry.Content.ReadAsStringAsync());
        }

        if (!bigCreate.IsSuccessStatusCode)
        {
            (await server.Http.PostAsync("/api/v1/metadata/", Wire.Json(Wire.Int64Body(bigKey, big.Length)))).EnsureSuccessStatusCode();
        }

        (await server.Http.PutAsync($"/api/v1/array/full/{bigKey}", Wire.Octets(Wire.Int64s(big)))).EnsureSuccessStatusCode();
        Wire.ToInt64s(await server.Http.GetByteArrayAsync($"/api/v1/array/full/{bigKey}")).Should().Equal(big);
        Wire.ToInt64s(await server.Http.GetByteArrayAsync($"/api/v1/array/full/{existing}")).Should().Equal(1, 2);
    }
}

public sealed class SqliteDiskFullTests(SqliteFullDiskServer server, ITestOutputHelper output)
    : DiskFullTests<SqliteFullDiskServer>(server, output);

public sealed class PostgresDiskFullTests(PostgresFullDiskServer server, ITestOutputHelper output)
    : DiskFullTests<PostgresFullDiskServer>(server, output);
