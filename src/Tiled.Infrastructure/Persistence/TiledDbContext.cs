using System.Text;
using Microsoft.EntityFrameworkCore;
using Tiled.Infrastructure.Persistence.Configurations;
using Tiled.Infrastructure.Persistence.Rows;

namespace Tiled.Infrastructure.Persistence;

/// <summary>
/// The catalog database: nodes, data sources, assets, metadata revisions. One model for SQLite
/// and PostgreSQL; build its options with <see cref="CatalogDatabase"/>. Its schema is kept by
/// one migration set per provider (see <see cref="Migrations.CatalogMigrations"/>).
/// </summary>
public class TiledDbContext : DbContext
{
    /// <summary>A catalog context with <paramref name="options"/> from <see cref="CatalogDatabase"/>.</summary>
    public TiledDbContext(DbContextOptions<TiledDbContext> options)
        : base(options)
    {
    }

    /// <summary>For the per-provider contexts that migrations are filed under; the options are still a <see cref="TiledDbContext"/>'s.</summary>
    private protected TiledDbContext(DbContextOptions options)
        : base(options)
    {
    }

    internal DbSet<NodeRow> Nodes => Set<NodeRow>();

    internal DbSet<DataSourceRow> DataSources => Set<DataSourceRow>();

    internal DbSet<AssetRow> Assets => Set<AssetRow>();

    internal DbSet<RevisionRow> Revisions => Set<RevisionRow>();

    internal DbSet<SchemaVersionRow> SchemaVersions => Set<SchemaVersionRow>();

    internal DbSet<CatalogIdentityRow> CatalogIdentity => Set<CatalogIdentityRow>();

    internal DbSet<PrincipalRow> Principals => Set<PrincipalRow>();

    internal DbSet<ApiKeyRow> ApiKeys => Set<ApiKeyRow>();

    internal bool IsPostgres => Database.ProviderName == CatalogDatabase.PostgresProvider;

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Each provider has its own internal service provider and so its own cached model.
        var postgres = IsPostgres;
        modelBuilder.ApplyConfiguration(new NodeRowConfiguration(postgres));
        modelBuilder.ApplyConfiguration(new DataSourceRowConfiguration(postgres));
        modelBuilder.ApplyConfiguration(new AssetRowConfiguration());
        modelBuilder.ApplyConfiguration(new RevisionRowConfiguration(postgres));
        modelBuilder.ApplyConfiguration(new SchemaVersionRowConfiguration());
        modelBuilder.ApplyConfiguration(new CatalogIdentityRowConfiguration());
        modelBuilder.ApplyConfiguration(new PrincipalRowConfiguration(postgres));
        modelBuilder.ApplyConfiguration(new ApiKeyRowConfiguration(postgres));

        // snake_case columns, as in Tiled's own schema, so hand-written SQL needs no quoting.
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()))
        {
            property.SetColumnName(SnakeCase(property.Name));
        }
    }

    private static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }
}
