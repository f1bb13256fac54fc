using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Tiled.Infrastructure.Persistence.Migrations;
using Tiled.Infrastructure.Persistence.Rows;
using Tiled.Infrastructure.Persistence.Search;

namespace Tiled.Infrastructure.Persistence;

/// <summary>
/// Opens the catalog's schema, which EF Core migrations keep (one set per provider, see
/// <see cref="CatalogMigrations"/>). With --init it first adopts a catalog made by the hand-written
/// schema code of earlier releases (<see cref="HandWrittenSchema"/>), then applies the pending
/// migrations, concurrent start-ups serialised (<see cref="CatalogInitLock"/>), and gives the catalog
/// its identity (<see cref="CatalogIdentityRow"/>).
/// </summary>
internal static class CatalogSchema
{
    /// <summary>
    /// The <c>schema_version</c> row of a catalog kept by migrations: releases with hand-written schema
    /// code knew up to version 4, so they refuse it and ask for a newer server.
    /// </summary>
    public const int MigrationsVersion = 5;

    /// <summary>
    /// Creates or upgrades the schema when <paramref name="createOrUpgrade"/>, then returns the
    /// catalog's identity. Throws <see cref="InvalidOperationException"/> naming the database when it
    /// cannot be opened, and saying what to do when its schema is missing, older or newer.
    /// </summary>
    public static async Task<Guid> OpenAsync(TiledDbContext db, bool createOrUpgrade, CancellationToken ct)
    {
        try
        {
            await using var catalog = await CatalogMigrations.ContextForAsync(db, ct);
            if (createOrUpgrade)
            {
                await EnsureAsync(catalog, ct);
            }

            return await ReadIdentityAsync(catalog, ct);
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

        await using var initLock = await CatalogInitLock.AcquireAsync(db, ct);
        await HandWrittenSchema.AdoptAsync(db, ct);
        RefuseUnknownMigrations(db, await db.Database.GetAppliedMigrationsAsync(ct));
        await db.Database.MigrateAsync(ct);
        await SearchSchema.TuneAsync(db, ct);

        // On SQLite the transaction begins IMMEDIATE, so concurrent start-ups add one identity between them.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await db.CatalogIdentity.AnyAsync(ct))
        {
            // Random and made once: nothing else may ever be filed under it.
            db.CatalogIdentity.Add(new CatalogIdentityRow { Id = Guid.NewGuid() });
        }

        if (!await db.SchemaVersions.AnyAsync(v => v.Version == MigrationsVersion, ct))
        {
            db.SchemaVersions.Add(new SchemaVersionRow { Version = MigrationsVersion });
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private static async Task<Guid> ReadIdentityAsync(TiledDbContext db, CancellationToken ct)
    {
        var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).ToList();
        RefuseUnknownMigrations(db, applied);
        if (applied.Count == 0)
        {
            var version = await HandWrittenSchema.VersionAsync(db, ct);
            throw new InvalidOperationException(version == 0
                ? "The catalog database has no catalog schema yet: start with --init to create it."
                : $"The catalog database has schema version {version}, made by an earlier release: start with --init to upgrade it.");
        }

        var pending = db.Database.GetMigrations().Except(applied).Count();
        if (pending > 0)
        {
            throw new InvalidOperationException(
                $"The catalog database's schema was made by an earlier release ({pending} migration(s) behind): start with --init to upgrade it.");
        }

        var identities = await db.CatalogIdentity.Select(i => i.Id).ToListAsync(ct);
        return identities.Count == 1
            ? identities[0]
            : throw new InvalidOperationException(
                $"The catalog database has {identities.Count} rows in catalog_identity; it needs exactly one. Start with --init to add a missing one.");
    }

    private static void RefuseUnknownMigrations(TiledDbContext db, IEnumerable<string> applied)
    {
        var unknown = applied.Except(db.Database.GetMigrations()).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"The catalog database has migrations this server does not know ({string.Join(", ", unknown)}), applied by a newer release. Upgrade the server.");
        }
    }
}
