namespace Tiled.IntegrationTests.Infrastructure;

/// <summary>SQLite catalog with the Redis stream cache from <c>TILED_TEST_REDIS</c> (keys under a unique prefix).</summary>
public sealed class SqliteRedisServer : TiledServerFixture
{
    private string? _redis;

    protected override string? CacheUri => _redis;

    protected override Task<string?> DatabaseUriAsync()
    {
        _redis = TestRedisUri();
        return Task.FromResult<string?>($"sqlite:///{Path.Combine(TempDirectory, "catalog.db")}");
    }
}
