using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tiled.Infrastructure.Persistence.Rows;

namespace Tiled.Infrastructure.Persistence.Configurations;

internal sealed class AssetRowConfiguration : IEntityTypeConfiguration<AssetRow>
{
    public void Configure(EntityTypeBuilder<AssetRow> asset)
    {
        asset.ToTable("assets");
        asset.HasKey(a => a.Id);
        asset.Property(a => a.Id).ValueGeneratedOnAdd();
    }
}
