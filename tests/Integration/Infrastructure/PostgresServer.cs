using Tiled.IntegrationTests.Persistence;

namespace Tiled.IntegrationTests.Infrastructure;

/// <summary>The server on a fresh PostgreSQL database (from <c>TILED_TEST_POSTGRES</c>), in-memory stream cache.</summary>
public sealed class PostgresServer : TiledServerFixture
{
    private readonly PostgresCatalogDatabase _database = new();

    /// <summary>The Npgsql connection string of the catalog database.</summary>
    public string ConnectionString => _database.ConnectionString;

    protected override async Task<string?> DatabaseUriAsync()
    {
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
