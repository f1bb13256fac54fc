using Microsoft.EntityFrameworkCore;
using Tiled.Infrastructure.Persistence.Rows;

namespace Tiled.Infrastructure.Persistence;

/// <summary>
/// Creates the schema without EF migrations (the Design package does not restore here): the
/// create script comes from the model itself and runs once, when the database has no
/// <c>schema_version</c> table. The version row lets a later release upgrade in code (step n to
/// n+1 here) and makes an older release refuse a newer schema. Unlike <c>EnsureCreated</c>, this
/// works in a PostgreSQL database that holds other tables, and concurrent start-ups serialise on a
/// lock instead of racing.
/// </summary>
internal static class CatalogSchema
{
    public const int CurrentVersion = 2;

    // Any fixed number: the key of the PostgreSQL advisory lock held while the schema is checked.
    private const long PostgresLockKey = 0x74_69_6C_65_64;

    public static async Task EnsureAsync(TiledDbContext db, CancellationToken ct)
    {
        if (!db.IsPostgres)
        {
            // WAL lets readers run beside the one writer; it is a property of the file, so once is enough.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", ct);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (db.IsPostgres)
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({PostgresLockKey})", ct);
        }

        if (await TableExistsAsync(db, "schema_version", ct))
        {
            var version = await db.SchemaVersions.MaxAsync(v => (int?)v.Version, ct) ?? 0;
            if (version > CurrentVersion)
            {
                throw new InvalidOperationException(
                    $"The catalog database has schema version {version}; this server knows up to {CurrentVersion}. Upgrade the server.");
            }

            if (version < 2)
            {
                await db.Database.ExecuteSqlRawAsync("ALTER TABLE nodes ADD COLUMN version bigint NOT NULL DEFAULT 0;", ct);
                db.SchemaVersions.Add(new SchemaVersionRow { Version = 2 });
                await db.SaveChangesAsync(ct);
            }
        }
        else if (await TableExistsAsync(db, "nodes", ct))
        {
            throw new InvalidOperationException(
                "The catalog database has a 'nodes' table that this server did not create (a Python Tiled catalog?). Use a new database.");
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync(db.Database.GenerateCreateScript(), ct);
            db.SchemaVersions.Add(new SchemaVersionRow { Version = CurrentVersion });
            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
    }

    private static async Task<bool> TableExistsAsync(TiledDbContext db, string table, CancellationToken ct)
    {
        var sql = db.IsPostgres
            ? "SELECT COUNT(*)::int AS \"Value\" FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = {0}"
            : "SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = {0}";
        var counts = await db.Database.SqlQueryRaw<int>(sql, table).ToListAsync(ct);
        return counts.Single() > 0;
    }
}
