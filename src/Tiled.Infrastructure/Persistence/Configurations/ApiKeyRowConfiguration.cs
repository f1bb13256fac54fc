using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tiled.Infrastructure.Persistence.Rows;

namespace Tiled.Infrastructure.Persistence.Configurations;

internal sealed class ApiKeyRowConfiguration(bool postgres) : IEntityTypeConfiguration<ApiKeyRow>
{
    public void Configure(EntityTypeBuilder<ApiKeyRow> key)
    {
        key.ToTable("api_keys");
        key.HasKey(k => k.FirstEight);
        key.Property(k => k.FirstEight).HasMaxLength(8);
        key.HasIndex(k => k.HashedSecret).IsUnique();
        key.Property(k => k.Scopes).IsJson(postgres);
    }
}
