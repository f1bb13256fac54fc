using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Tiled.Infrastructure.Persistence.Migrations;

/// <summary>
/// Two migration sets, one per provider, each filed under its own context type (EF's way for one
/// model on several providers): <see cref="SqliteMigrationsContext"/> and <see cref="PostgresMigrationsContext"/>.
/// </summary>
internal static class CatalogMigrations
{
    /// <summary>A context over <paramref name="db"/>'s database whose migrations are those of its provider.</summary>
    public static async Task<TiledDbContext> ContextForAsync(TiledDbContext db, CancellationToken ct)
    {
        if (!db.IsPostgres)
        {
            return new SqliteMigrationsContext((DbContextOptions)db.GetService<IDbContextOptions>());
        }

        // Without a schema, EF takes a history table in any schema of the database for the catalog's
        // own; name the schema the catalog's tables are created in.
        var schema = await db.Database.SqlQueryRaw<string>("SELECT current_schema() AS \"Value\"").SingleAsync(ct);
        var options = CatalogDatabase.UsePostgres(new DbContextOptionsBuilder<TiledDbContext>(), db.Database.GetConnectionString()!, schema);
        return new PostgresMigrationsContext(options.Options);
    }
}
