using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.AspNetCore.Builder;
using Npgsql;
using StackExchange.Redis;
using Tiled.Api.Hosting;
using Tiled.IntegrationTests.Infrastructure;
using Tiled.IntegrationTests.Persistence;
using Tiled.IntegrationTests.Streaming.Support;
using Xunit;
using Xunit.Abstractions;
using static Tiled.IntegrationTests.Streaming.WebSocketClient;

namespace Tiled.IntegrationTests.Streaming;

/// <summary>
/// A stream identifies one node, once (docs/decisions/0006): catalogs that share a Redis, a catalog
/// made anew in place of another, and a node made again under a deleted node's key never see
/// another node's history. Every server here uses the same Redis and the same key prefix.
/// </summary>
public sealed class StreamIdentityTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tiled-identity-").FullName;
    private readonly string _prefix = $"test-{Guid.NewGuid():N}:";
    private readonly PostgresCatalogDatabase _postgres = new();
    private readonly PostgresCatalogDatabase _otherPostgres = new();

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        await _otherPostgres.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await StreamCacheCleanup.DeleteKeysAsync(Settings("sqlite:///unused.db"));
        await _postgres.DisposeAsync();
        await _otherPostgres.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_new_catalog_on_the_redis_of_an_earlier_one_does_not_replay_its_streams()
    {
        if (!await RedisStreamCacheTestServer.IsAvailableAsync(output)) { return; }
        await using (var earlier = await Running.StartAsync(Settings(SqliteUri("earlier.db"))))
        {
            await WriteAndCloseAsync(earlier, "x", 1, 2, 3);
        }

        // A --temp restart: same key, and the same node id, in a catalog of its own.
        await using var later = await Running.StartAsync(Settings(SqliteUri("later.db")));

        await WriteAndCloseAsync(later, "x", 7, 8, 9);
        await ExpectOnlyAsync(later, "x", 7, 8, 9);
    }

    [Fact]
    public async Task Two_postgres_catalogs_side_by_side_on_one_redis_keep_their_streams_apart()
    {
        if (!await RedisStreamCacheTestServer.IsAvailableAsync(output) || _postgres.UnavailableReason is not null) { return; }
        await using var first = await Running.StartAsync(Settings(PostgresUris.From(_postgres.ConnectionString)));
        await using var second = await Running.StartAsync(Settings(PostgresUris.From(_otherPostgres.ConnectionString)));

        await WriteAndCloseAsync(first, "x", 1, 2, 3);
        await WriteAndCloseAsync(second, "x", 7, 8, 9);

        await ExpectOnlyAsync(first, "x", 1, 2, 3);
        await ExpectOnlyAsync(second, "x", 7, 8, 9);
    }

    [Fact]
    public async Task A_reinitialised_postgres_catalog_does_not_replay_the_streams_of_the_one_it_replaced()
    {
        if (!await RedisStreamCacheTestServer.IsAvailableAsync(output) || _postgres.UnavailableReason is not null) { return; }
        var settings = Settings(PostgresUris.From(_postgres.ConnectionString));
        await using (var earlier = await Running.StartAsync(settings))
        {
            await WriteAndCloseAsync(earlier, "x", 1, 2, 3);
        }

        NpgsqlConnection.ClearAllPools();
        await _postgres.ExecuteAsync("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
        await using var later = await Running.StartAsync(settings);

        await WriteAndCloseAsync(later, "x", 7, 8, 9);
        await ExpectOnlyAsync(later, "x", 7, 8, 9);
    }

    [Fact]
    public async Task Deleting_a_subtree_removes_its_streams_and_the_same_keys_made_again_start_afresh()
    {
        if (!await RedisStreamCacheTestServer.IsAvailableAsync(output) || _postgres.UnavailableReason is not null) { return; }
        await using var server = await Running.StartAsync(Settings(PostgresUris.From(_postgres.ConnectionString)));
        var catalogId = (Guid)(await _postgres.ExecuteAsync("SELECT id FROM catalog_identity"))!;
        (await server.Http.PostAsync("/api/v1/metadata/", Wire.Json(Wire.ContainerBody("c")))).EnsureSuccessStatusCode();
        await WriteAndCloseAsync(server, "c/a", 1, 2, 3);
        var before = await KeysAsync();
        before.Should().OnlyContain(k => k.StartsWith($"{_prefix}{catalogId:D}:", StringComparison.Ordinal));
        before.Should().Contain(k => !IsRootStreamKey(k), "the container and the array have streams of their own");

        (await server.Http.DeleteAsync("/api/v1/metadata/c?recursive=true&external_only=false")).EnsureSuccessStatusCode();

        (await KeysAsync()).Should().OnlyContain(k => IsRootStreamKey(k));
        (await server.Http.PostAsync("/api/v1/metadata/", Wire.Json(Wire.ContainerBody("c")))).EnsureSuccessStatusCode();
        await WriteAndCloseAsync(server, "c/a", 7, 8, 9);
        await ExpectOnlyAsync(server, "c/a", 7, 8, 9);
    }

    /// <summary>Creates the array, writes <paramref name="values"/> (update 1) and closes its stream (marker 2).</summary>
    private static async Task WriteAndCloseAsync(Running server, string path, params long[] values)
    {
        var parent = path.Contains('/') ? path[..path.LastIndexOf('/')] : "";
        var key = path[(parent.Length == 0 ? 0 : parent.Length + 1)..];
        (await server.Http.PostAsync($"/api/v1/metadata/{parent}", Wire.Json(Wire.Int64Body(key, values.Length)))).EnsureSuccessStatusCode();
        (await server.Http.PutAsync($"/api/v1/array/full/{path}", Wire.Octets(Wire.Int64s(values)))).EnsureSuccessStatusCode();
        (await server.Http.DeleteAsync($"/api/v1/stream/close/{path}")).EnsureSuccessStatusCode();
    }

    /// <summary>A subscriber from the start gets the schema, update 1 with <paramref name="values"/>, then the close (1000).</summary>
    private static async Task ExpectOnlyAsync(Running server, string path, params long[] values)
    {
        using var socket = await ConnectAsync(server.BaseUrl, $"{path}?envelope_format=json&start=0");

        (await ReceiveJsonAsync(socket))["type"]!.GetValue<string>().Should().Be("array-schema");
        var update = await ReceiveJsonAsync(socket);
        update["sequence"]!.GetValue<long>().Should().Be(1);
        update["payload"]!.ToJsonString().Should().Be($"[{string.Join(',', values)}]");
        (await ReadUntilCloseAsync(socket)).Should().Be((1000, "Producer ended stream"));
    }

    private static bool IsRootStreamKey(string key) => Regex.IsMatch(key, ":(sequence:0|data:0:[0-9]+)$");

    private async Task<List<string>> KeysAsync()
    {
        using var redis = await RedisStreamCacheTestServer.ConnectDirectlyAsync();
        var server = redis.GetServer(redis.GetEndPoints().Single());
        return server.Keys(pattern: _prefix + "*").Select(k => k.ToString()).ToList();
    }

    private string SqliteUri(string file) => $"sqlite:///{Path.Combine(_directory, file)}";

    private ServerSettings Settings(string databaseUri) => new()
    {
        Port = 0,
        ApiKey = TiledServerFixture.ApiKey,
        DatabaseUri = databaseUri,
        WriteStorage = Path.Combine(_directory, "data"),
        InitIfNotExists = true,
        CacheUri = RedisStreamCacheTestServer.Uri,
        CacheKeyPrefix = _prefix,
    };

    /// <summary>A started server and an HTTP client that sends the API key.</summary>
    private sealed class Running(WebApplication app, string baseUrl) : IAsyncDisposable
    {
        public string BaseUrl { get; } = baseUrl;

        public HttpClient Http { get; } = new()
        {
            BaseAddress = new Uri(baseUrl),
            DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Apikey", TiledServerFixture.ApiKey) },
        };

        public static async Task<Running> StartAsync(ServerSettings settings)
        {
            var app = await TiledServer.BuildAsync(settings);
            await app.StartAsync();
            return new Running(app, TiledServer.BoundAddress(app).TrimEnd('/'));
        }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
