using Npgsql;
using Tiled.IntegrationTests.Persistence;

namespace Tiled.IntegrationTests.Infrastructure;

/// <summary>The server on a fresh PostgreSQL database (from <c>TILED_TEST_POSTGRES</c>).</summary>
public sealed class PostgresServer : TiledServerFixture
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

        var b = new NpgsqlConnectionStringBuilder(_database.ConnectionString);
        var credentials = b.Password is { Length: > 0 } password ? $"{b.Username}:{password}" : b.Username;
        return $"postgresql://{credentials}@{b.Host}:{b.Port}/{b.Database}";
    }

    protected override Task DisposeDatabaseAsync() => _database.DisposeAsync();
}
