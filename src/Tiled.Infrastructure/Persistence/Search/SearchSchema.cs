using Microsoft.EntityFrameworkCore;

namespace Tiled.Infrastructure.Persistence.Search;

/// <summary>
/// What search needs beyond the model's tables (schema version 4): on PostgreSQL, GIN indexes on
/// metadata (containment, for equality), on specs, and on the full-text vector of metadata's string
/// values; on SQLite, the FTS5 table <c>nodes_fts</c> (rowid = node id) holding those strings, kept
/// current by triggers. Idempotent; the initial migrations run it, so does the upgrade of a
/// hand-written catalog older than version 4 and, on PostgreSQL, each --init (<see cref="TuneAsync"/>).
/// </summary>
internal static class SearchSchema
{
    private const string StringValues =
        "(SELECT coalesce(group_concat(value, ' '), '') FROM json_tree(NEW.metadata) WHERE type = 'text')";

    private static readonly string[] GinIndexes = ["ix_nodes_metadata_gin", "ix_nodes_specs_gin", "ix_nodes_metadata_text"];

    /// <summary>
    /// GIN indexes keep recent insertions in a pending list that every search through them scans
    /// whole; at PostgreSQL's default limit (4 MB) that added 1–2 ms to each statement of a search
    /// page after many children were created. 64 kB bounds the scan and keeps most of the list's
    /// cheaper inserts (ADR 0027). Set on existing indexes too, so catalogs made before get it.
    /// </summary>
    private const string PendingListLimit = "gin_pending_list_limit = 64";

    private static readonly string[] Postgres =
    [
        "CREATE INDEX IF NOT EXISTS ix_nodes_metadata_gin ON nodes USING gin (metadata jsonb_path_ops);",
        "CREATE INDEX IF NOT EXISTS ix_nodes_specs_gin ON nodes USING gin (specs jsonb_path_ops);",
        "CREATE INDEX IF NOT EXISTS ix_nodes_metadata_text ON nodes USING gin ("
            + PostgresSearchDialect.TextVector.Replace("n.metadata", "metadata", StringComparison.Ordinal) + ");",
        .. GinIndexes.Select(index => $"ALTER INDEX {index} SET ({PendingListLimit});"),
    ];

    private static readonly string[] Sqlite =
    [
        "CREATE VIRTUAL TABLE IF NOT EXISTS nodes_fts USING fts5(text);",
        $"CREATE TRIGGER IF NOT EXISTS nodes_fts_insert AFTER INSERT ON nodes BEGIN INSERT INTO nodes_fts(rowid, text) VALUES (NEW.id, {StringValues}); END;",
        "CREATE TRIGGER IF NOT EXISTS nodes_fts_delete AFTER DELETE ON nodes BEGIN DELETE FROM nodes_fts WHERE rowid = OLD.id; END;",
        "CREATE TRIGGER IF NOT EXISTS nodes_fts_update AFTER UPDATE OF metadata ON nodes BEGIN "
            + $"DELETE FROM nodes_fts WHERE rowid = OLD.id; INSERT INTO nodes_fts(rowid, text) VALUES (NEW.id, {StringValues}); END;",
        // Nodes stored before the table existed (an upgrade).
        "INSERT INTO nodes_fts(rowid, text) SELECT n.id, (SELECT coalesce(group_concat(value, ' '), '') FROM json_tree(n.metadata) WHERE type = 'text') "
            + "FROM nodes n WHERE n.id NOT IN (SELECT rowid FROM nodes_fts);",
    ];

    public static IReadOnlyList<string> Statements(bool postgres) => postgres ? Postgres : Sqlite;

    /// <summary>On PostgreSQL, what <see cref="CreateAsync"/> sets on the indexes, for a catalog migrated before the setting existed.</summary>
    public static async Task TuneAsync(TiledDbContext db, CancellationToken ct)
    {
        if (db.IsPostgres)
        {
            await CreateAsync(db, ct);
        }
    }

    public static async Task CreateAsync(TiledDbContext db, CancellationToken ct)
    {
        foreach (var statement in Statements(db.IsPostgres))
        {
            await db.Database.ExecuteSqlRawAsync(statement, ct);
        }
    }
}
