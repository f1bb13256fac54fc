using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using Tiled.Infrastructure.Persistence;
using Tiled.IntegrationTests.Infrastructure;
using Xunit;

namespace Tiled.IntegrationTests.Persistence;

/// <summary>
/// A fresh PostgreSQL database (<c>tiled_&lt;guid&gt;</c>) for one test class, created through the
/// server named by <c>TILED_TEST_POSTGRES</c> and dropped afterwards. When that server cannot be
/// reached, <see cref="UnavailableReason"/> says why, unless <c>CI</c> is set: then start-up fails.
/// </summary>
public sealed class PostgresCatalogDatabase : IAsyncLifetime
{
    private const string Variable = "TILED_TEST_POSTGRES";
    private readonly string _name = "tiled_" + Guid.NewGuid().ToString("N");
    private string? _serverConnectionString;

    public string? UnavailableReason { get; private set; }

    /// <summary>Connection string of the fresh database.</summary>
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var server = TestServices.PostgresConnectionString;
        if (string.IsNullOrWhiteSpace(server))
        {
            Unavailable($"{Variable} is not set");
            return;
        }

        try
        {
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException ex)
        {
            Unavailable($"PostgreSQL from {Variable} cannot be reached: {ex.Message}");
            return;
        }

        _serverConnectionString = server;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = _name }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (_serverConnectionString is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>A catalog over this database (in <paramref name="schema"/> when given, which is then created).</summary>
    public async Task<EfNodeCatalog> CatalogAsync(string? schema = null)
    {
        var connectionString = ConnectionString;
        if (schema is not null)
        {
            await ExecuteAsync($"CREATE SCHEMA IF NOT EXISTS \"{schema}\"");
            connectionString = new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema }.ConnectionString;
        }

        var options = new DbContextOptionsBuilder<TiledDbContext>();
        CatalogDatabase.UsePostgres(options, connectionString);
        return new EfNodeCatalog(new PooledDbContextFactory<TiledDbContext>(options.Options),
            TimeProvider.System);
    }

    public async Task<object?> ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private void Unavailable(string reason)
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            throw new InvalidOperationException($"{reason}; CI is set, so the PostgreSQL tests fail instead of returning early.");
        }

        UnavailableReason = reason;
    }
}
