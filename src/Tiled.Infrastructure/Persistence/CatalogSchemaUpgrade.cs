using Microsoft.EntityFrameworkCore;
using Tiled.Infrastructure.Persistence.Search;

namespace Tiled.Infrastructure.Persistence;

/// <summary>
/// The steps that bring a catalog of an earlier release to <see cref="CatalogSchema.CurrentVersion"/>,
/// run in the caller's transaction, oldest first. The caller records the new version and adds the
/// catalog identity.
/// </summary>
internal static class CatalogSchemaUpgrade
{
    // As the model's create script has it (uuid on PostgreSQL, Guid as TEXT on SQLite).
    private const string CreateIdentityTablePostgres =
        "CREATE TABLE IF NOT EXISTS catalog_identity (id uuid NOT NULL CONSTRAINT \"PK_catalog_identity\" PRIMARY KEY);";

    private const string CreateIdentityTableSqlite =
        "CREATE TABLE IF NOT EXISTS catalog_identity (id TEXT NOT NULL CONSTRAINT \"PK_catalog_identity\" PRIMARY KEY);";

    public static async Task RunAsync(TiledDbContext db, int version, CancellationToken ct)
    {
        if (version < 2)
        {
            // 2: the per-node version stamp that process caches check.
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE nodes ADD COLUMN version bigint NOT NULL DEFAULT 0;", ct);
        }

        if (version < 3)
        {
            // 3: the catalog identity, which stream cache keys are filed under. IF NOT EXISTS: a
            // catalog whose version row was lowered by hand may have the table already.
            await db.Database.ExecuteSqlRawAsync(db.IsPostgres ? CreateIdentityTablePostgres : CreateIdentityTableSqlite, ct);
        }

        if (version < 4)
        {
            // 4: principals and their API keys, created as the model's own script creates them.
            foreach (var statement in ModelScript.StatementsOn(db, "principals", "api_keys"))
            {
                await db.Database.ExecuteSqlRawAsync(statement, ct);
            }

            // 4: search indexes (PostgreSQL) and the full-text table with its triggers (SQLite), filled from the stored nodes.
            await SearchSchema.CreateAsync(db, ct);
        }
    }
}
