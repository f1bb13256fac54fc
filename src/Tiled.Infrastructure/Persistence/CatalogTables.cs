using Microsoft.EntityFrameworkCore;

namespace Tiled.Infrastructure.Persistence;

internal static class CatalogTables
{
    /// <summary>Whether <paramref name="table"/> exists in the catalog's schema (PostgreSQL: the current schema).</summary>
    public static async Task<bool> ExistAsync(TiledDbContext db, string table, CancellationToken ct)
    {
        var sql = db.IsPostgres
            ? "SELECT COUNT(*)::int AS \"Value\" FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = {0}"
            : "SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = {0}";
        var counts = await db.Database.SqlQueryRaw<int>(sql, table).ToListAsync(ct);
        return counts.Single() > 0;
    }
}
