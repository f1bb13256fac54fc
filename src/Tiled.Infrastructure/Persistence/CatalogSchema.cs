using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Tiled.Infrastructure.Persistence.Rows;
using Tiled.Infrastructure.Persistence.Search;

namespace Tiled.Infrastructure.Persistence;

/// <summary>
/// Creates the schema without EF migrations (the Design package does not restore here): the
/// create script comes from the model itself and runs once, when the database has no
/// <c>schema_version</c> table. The version row lets a later release upgrade in code (see
/// <see cref="CatalogSchemaUpgrade"/>) and makes an older release refuse a newer schema. Unlike
/// <c>EnsureCreated</c>, this works in a PostgreSQL database that holds other tables, and concurrent
/// start-ups serialise on a lock instead of racing. Creating or upgrading a schema also gives the
/// catalog its identity (<see cref="CatalogIdentityRow"/>).
/// </summary>
internal static class CatalogSchema
{
    public const int CurrentVersion = 4;

    // Any fixed number: the key of the PostgreSQL advisory lock held while the schema is checked.
    private const long PostgresLockKey = 0x74_69_6C_65_64;

    /// <summary>
    /// Creates or upgrades the schema when <paramref name="createOrUpgrade"/>, then returns the
    /// catalog's identity. Throws <see cref="InvalidOperationException"/> naming the database when it
    /// cannot be opened, and saying what to do when its schema is missing, older or newer.
    /// </summary>
    public static async Task<Guid> OpenAsync(TiledDbContext db, bool createOrUpgrade, CancellationToken ct)
    {
        try
        {
            if (createOrUpgrade)
            {
                await EnsureAsync(db, ct);
            }

            return await ReadIdentityAsync(db, ct);
        }
        catch (Exception ex) when (ex is DbException || ex.InnerException is DbException)
        {
            // EF's retrying strategy wraps the driver's error in "likely due to a transient failure"; name the cause instead.
            var cause = (ex as DbException ?? ex.InnerException as DbException)?.Message.TrimEnd('.');
            throw new InvalidOperationException(
                $"Cannot open the catalog database ({CatalogDatabase.Describe(db)}): {cause}. Check that the database server is running and that the catalog URI (host, port, user, password, database) is right.", ex);
        }
    }

    private static async Task EnsureAsync(TiledDbContext db, CancellationToken ct)
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
            var version = await VersionAsync(db, ct);
            RefuseNewer(version);
            if (version < CurrentVersion)
            {
                await CatalogSchemaUpgrade.RunAsync(db, version, ct);
                db.SchemaVersions.Add(new SchemaVersionRow { Version = CurrentVersion });
            }
            else
            {
                await SearchSchema.TuneAsync(db, ct);
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
            await SearchSchema.CreateAsync(db, ct);
            db.SchemaVersions.Add(new SchemaVersionRow { Version = CurrentVersion });
        }

        await AddIdentityUnlessPresentAsync(db, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private static async Task<Guid> ReadIdentityAsync(TiledDbContext db, CancellationToken ct)
    {
        var version = await TableExistsAsync(db, "schema_version", ct) ? await VersionAsync(db, ct) : 0;
        RefuseNewer(version);
        if (version < CurrentVersion)
        {
            throw new InvalidOperationException(version == 0
                ? "The catalog database has no catalog schema yet: start with --init to create it."
                : $"The catalog database has schema version {version}, made by an earlier release: start with --init to upgrade it to version {CurrentVersion}.");
        }

        var identities = await db.CatalogIdentity.Select(i => i.Id).ToListAsync(ct);
        return identities.Count == 1
            ? identities[0]
            : throw new InvalidOperationException(
                $"The catalog database has {identities.Count} rows in catalog_identity; it needs exactly one. Start with --init to add a missing one.");
    }

    /// <summary>The identity is random and made once: nothing else may ever be filed under it.</summary>
    private static async Task AddIdentityUnlessPresentAsync(TiledDbContext db, CancellationToken ct)
    {
        if (!await db.CatalogIdentity.AnyAsync(ct))
        {
            db.CatalogIdentity.Add(new CatalogIdentityRow { Id = Guid.NewGuid() });
        }
    }

    private static void RefuseNewer(int version)
    {
        if (version > CurrentVersion)
        {
            throw new InvalidOperationException(
                $"The catalog database has schema version {version}; this server knows up to {CurrentVersion}. Upgrade the server.");
        }
    }

    private static async Task<int> VersionAsync(TiledDbContext db, CancellationToken ct) =>
        await db.SchemaVersions.MaxAsync(v => (int?)v.Version, ct) ?? 0;

    private static async Task<bool> TableExistsAsync(TiledDbContext db, string table, CancellationToken ct)
    {
        var sql = db.IsPostgres
            ? "SELECT COUNT(*)::int AS \"Value\" FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = {0}"
            : "SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = {0}";
        var counts = await db.Database.SqlQueryRaw<int>(sql, table).ToListAsync(ct);
        return counts.Single() > 0;
    }
}
