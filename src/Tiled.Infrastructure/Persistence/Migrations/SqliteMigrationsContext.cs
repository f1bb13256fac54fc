using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Tiled.Infrastructure.Persistence.Migrations;

/// <summary>The catalog on SQLite; the SQLite migration set (folder Sqlite) is filed under this type.</summary>
internal sealed class SqliteMigrationsContext(DbContextOptions options) : TiledDbContext(options);

/// <summary>What <c>dotnet ef migrations add --context SqliteMigrationsContext</c> builds the model with; it never connects.</summary>
internal sealed class SqliteMigrationsContextFactory : IDesignTimeDbContextFactory<SqliteMigrationsContext>
{
    public SqliteMigrationsContext CreateDbContext(string[] args) =>
        new(CatalogDatabase.UseSqlite(new DbContextOptionsBuilder<TiledDbContext>(), "design-time.db").Options);
}
