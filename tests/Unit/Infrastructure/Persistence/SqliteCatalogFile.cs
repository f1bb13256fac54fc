using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Tiled.Infrastructure.Persistence;

namespace Tiled.UnitTests.Infrastructure.Persistence;

/// <summary>A SQLite catalog file in a temporary folder, opened as the server opens it or read with plain SQL.</summary>
public sealed class SqliteCatalogFile : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("tiled-schema-");

    public string Path => System.IO.Path.Combine(_directory.FullName, "catalog.db");

    public EfNodeCatalog Catalog() => new(
        new PooledDbContextFactory<TiledDbContext>(CatalogDatabase.Configure(CatalogDatabase.SqliteUri(Path))), TimeProvider.System);

    /// <summary>What start-up does: with <paramref name="createOrUpgrade"/> (--init) or without.</summary>
    public async Task<Guid> OpenAsync(bool createOrUpgrade)
    {
        await using var db = new TiledDbContext(CatalogDatabase.Configure(CatalogDatabase.SqliteUri(Path)));
        return await CatalogSchema.OpenAsync(db, createOrUpgrade, CancellationToken.None);
    }

    public async Task<object?> Scalar(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    /// <summary>Every table, index and trigger as SQLite stores its definition, EF's history and lock tables left out.</summary>
    public async Task<List<string>> SchemaAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master WHERE tbl_name NOT IN ('__EFMigrationsHistory', '__EFMigrationsLock') ORDER BY name;";
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }
}
