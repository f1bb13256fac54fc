using Tiled.IntegrationTests.Infrastructure;

namespace Tiled.IntegrationTests.Streaming.Support;

/// <summary>Stream retention short enough to watch it expire: entries live 1 s, an idle counter 3 s.</summary>
public static class ShortTtls
{
    public const int DataSeconds = 1;

    public const int SeqSeconds = 3;

    /// <summary>Slack added to a TTL before relying on its expiry.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(300);
}

/// <summary>SQLite catalog, in-memory stream cache with <see cref="ShortTtls"/>.</summary>
public sealed class ShortTtlMemoryServer : TiledServerFixture
{
    protected override (int? DataTtl, int? SeqTtl) CacheTtls => (ShortTtls.DataSeconds, ShortTtls.SeqSeconds);

    protected override Task<string?> DatabaseUriAsync() =>
        Task.FromResult<string?>($"sqlite:///{Path.Combine(TempDirectory, "catalog.db")}");
}

/// <summary>SQLite catalog, Redis stream cache (own key prefix) with <see cref="ShortTtls"/>.</summary>
public sealed class ShortTtlRedisServer : TiledServerFixture
{
    private string? _redis;

    protected override string? CacheUri => _redis;

    protected override (int? DataTtl, int? SeqTtl) CacheTtls => (ShortTtls.DataSeconds, ShortTtls.SeqSeconds);

    protected override Task<string?> DatabaseUriAsync()
    {
        _redis = TestRedisUri();
        return Task.FromResult<string?>($"sqlite:///{Path.Combine(TempDirectory, "catalog.db")}");
    }
}

/// <summary>
/// SQLite catalog, Redis stream cache reached through a <see cref="RedisProxy"/>, so a test can cut
/// this server's pub/sub connection alone.
/// </summary>
public sealed class ProxiedRedisServer : TiledServerFixture
{
    private RedisProxy? _proxy;
    private string? _redis;

    /// <summary>The relay between this server and Redis (null when Redis is unavailable).</summary>
    public RedisProxy? Proxy => _proxy;

    protected override string? CacheUri => _redis;

    protected override async Task<string?> DatabaseUriAsync()
    {
        if (TestRedisUri() is not null && TestServices.RedisAddress is { } address)
        {
            _proxy = await RedisProxy.StartAsync(address);
            _redis = $"redis://127.0.0.1:{_proxy.Port}";
        }

        return $"sqlite:///{Path.Combine(TempDirectory, "catalog.db")}";
    }

    protected override async Task DisposeDatabaseAsync()
    {
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }
    }
}
