using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Tiled.Infrastructure.Persistence.Migrations;

/// <summary>The catalog on PostgreSQL; the PostgreSQL migration set (folder Postgres) is filed under this type.</summary>
internal sealed class PostgresMigrationsContext(DbContextOptions options) : TiledDbContext(options);

/// <summary>What <c>dotnet ef migrations add --context PostgresMigrationsContext</c> builds the model with; it never connects.</summary>
internal sealed class PostgresMigrationsContextFactory : IDesignTimeDbContextFactory<PostgresMigrationsContext>
{
    public PostgresMigrationsContext CreateDbContext(string[] args) =>
        new(CatalogDatabase.UsePostgres(new DbContextOptionsBuilder<TiledDbContext>(), "Host=localhost;Database=tiled").Options);
}
