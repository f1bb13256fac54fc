using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tiled.Infrastructure.Persistence.Rows;

namespace Tiled.Infrastructure.Persistence.Configurations;

internal sealed class SchemaVersionRowConfiguration : IEntityTypeConfiguration<SchemaVersionRow>
{
    public void Configure(EntityTypeBuilder<SchemaVersionRow> version)
    {
        version.ToTable("schema_version");
        version.HasKey(v => v.Version);
        version.Property(v => v.Version).ValueGeneratedNever();
    }
}
