using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tiled.Infrastructure.Persistence.Rows;

namespace Tiled.Infrastructure.Persistence.Configurations;

internal sealed class CatalogIdentityRowConfiguration : IEntityTypeConfiguration<CatalogIdentityRow>
{
    public void Configure(EntityTypeBuilder<CatalogIdentityRow> identity)
    {
        identity.ToTable("catalog_identity");
        identity.HasKey(i => i.Id);
        identity.Property(i => i.Id).ValueGeneratedNever();
    }
}
