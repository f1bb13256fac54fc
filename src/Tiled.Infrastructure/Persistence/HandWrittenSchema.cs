using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Tiled.Infrastructure.Persistence.Search;

namespace Tiled.Infrastructure.Persistence;

/// <summary>
/// Catalogs made before migrations: the schema code of earlier releases recorded versions 1 to 4 in
/// <c>schema_version</c> and kept no migration history. Version 4 is exactly what the initial
/// migration creates, so such a catalog is brought to 4 and then baselined: the initial migration's
/// history row is written without running it.
/// </summary>
internal static class HandWrittenSchema
{
    private const int LastVersion = 4;

    /// <summary>Adopts a hand-written catalog unless the database has migration history; refuses a foreign <c>nodes</c> table.</summary>
    public static async Task AdoptAsync(TiledDbContext db, CancellationToken ct)
    {
        var history = db.GetService<IHistoryRepository>();
        // On SQLite this begins IMMEDIATE: a concurrent start-up waits, then finds the history written.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Not history.ExistsAsync: on PostgreSQL it answers true where the table is missing.
        if (await CatalogTables.ExistAsync(db, HistoryRepository.DefaultTableName, ct))
        {
            return;
        }

        if (!await CatalogTables.ExistAsync(db, "schema_version", ct))
        {
            if (await CatalogTables.ExistAsync(db, "nodes", ct))
            {
                throw new InvalidOperationException(
                    "The catalog database has a 'nodes' table that this server did not create (a Python Tiled catalog?). Use a new database.");
            }

            return;
        }

        var version = await VersionAsync(db, ct);
        if (version > LastVersion)
        {
            throw new InvalidOperationException(
                $"The catalog database has schema version {version} but no migration history; this server cannot tell what it is. Upgrade the server.");
        }

        if (version < LastVersion)
        {
            await UpgradeToLastVersionAsync(db, version, ct);
        }

        var initial = db.Database.GetMigrations().First();
        await db.Database.ExecuteSqlRawAsync(history.GetCreateIfNotExistsScript(), ct);
        await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(initial, ProductInfo.GetVersion())), ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>The highest recorded version, 0 when there is no <c>schema_version</c> table or row.</summary>
    public static async Task<int> VersionAsync(TiledDbContext db, CancellationToken ct) =>
        await CatalogTables.ExistAsync(db, "schema_version", ct) ? await db.SchemaVersions.MaxAsync(v => (int?)v.Version, ct) ?? 0 : 0;

    private static async Task UpgradeToLastVersionAsync(TiledDbContext db, int version, CancellationToken ct)
    {
        if (version < 2)
        {
            // 2: the per-node version stamp that process caches check.
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE nodes ADD COLUMN version bigint NOT NULL DEFAULT 0;", ct);
        }

        // 3: catalog_identity; 4: principals and api_keys. As the initial migration creates them, unless
        // a catalog whose version row was lowered by hand has them already.
        await CreateMissingTablesAsync(db, ct);

        // 4: search indexes (PostgreSQL) or the full-text table, filled from the stored nodes, and its triggers (SQLite).
        await SearchSchema.CreateAsync(db, ct);
    }

    private static async Task CreateMissingTablesAsync(TiledDbContext db, CancellationToken ct)
    {
        var migrations = db.GetService<IMigrationsAssembly>();
        var initial = migrations.CreateMigration(migrations.Migrations.First().Value, db.Database.ProviderName!);
        var missing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in initial.UpOperations.OfType<CreateTableOperation>())
        {
            if (!await CatalogTables.ExistAsync(db, table.Name, ct))
            {
                missing.Add(table.Name);
            }
        }

        var operations = initial.UpOperations
            .Where(op => op is CreateTableOperation t && missing.Contains(t.Name) || op is CreateIndexOperation i && missing.Contains(i.Table))
            .ToList();
        foreach (var command in db.GetService<IMigrationsSqlGenerator>().Generate(operations))
        {
            await db.Database.ExecuteSqlRawAsync(command.CommandText, ct);
        }
    }
}
