using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Tiled.Infrastructure.Persistence.Migrations;

/// <summary>
/// Two migration sets, one per provider, each filed under its own context type (EF's way for one
/// model on several providers): <see cref="SqliteMigrationsContext"/> and <see cref="PostgresMigrationsContext"/>.
/// </summary>
internal static class CatalogMigrations
{
    /// <summary>The first migration of both sets: the schema the hand-written code made at its version 4.</summary>
    public const string Initial = "20261206000000_Initial";

    /// <summary>A context over <paramref name="db"/>'s database whose migrations are those of its provider.</summary>
    public static TiledDbContext ContextFor(TiledDbContext db)
    {
        var options = (DbContextOptions)db.GetService<IDbContextOptions>();
        return db.IsPostgres ? new PostgresMigrationsContext(options) : new SqliteMigrationsContext(options);
    }
}
