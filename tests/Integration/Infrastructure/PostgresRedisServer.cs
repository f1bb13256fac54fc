using Npgsql;
using Tiled.IntegrationTests.Persistence;

namespace Tiled.IntegrationTests.Infrastructure;

/// <summary>The production shape: PostgreSQL catalog and Redis stream cache.</summary>
public class PostgresRedisServer : TiledServerFixture
{
    private readonly PostgresCatalogDatabase _database = new();
    private string? _redis;

    protected override string? CacheUri => _redis;

    protected override async Task<string?> DatabaseUriAsync()
    {
        _redis = TestRedisUri();
        await _database.InitializeAsync();
        if (_database.UnavailableReason is { } reason)
        {
            UnavailableReason = reason;
            return null;
        }

        return PostgresUris.From(_database.ConnectionString);
    }

    protected override Task DisposeDatabaseAsync() => _database.DisposeAsync();
}
