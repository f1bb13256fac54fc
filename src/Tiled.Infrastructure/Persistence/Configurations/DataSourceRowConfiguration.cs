using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tiled.Infrastructure.Persistence.Rows;

namespace Tiled.Infrastructure.Persistence.Configurations;

internal sealed class DataSourceRowConfiguration(bool postgres) : IEntityTypeConfiguration<DataSourceRow>
{
    public void Configure(EntityTypeBuilder<DataSourceRow> source)
    {
        source.ToTable("data_sources");
        source.HasKey(d => d.Id);
        source.Property(d => d.Id).ValueGeneratedOnAdd();
        source.Property(d => d.StructureFamily).HasMaxLength(32);
        source.Property(d => d.Structure).IsJson(postgres);
        source.Property(d => d.Parameters).IsJson(postgres);
        source.Property(d => d.Properties).IsJson(postgres);
        source.Property(d => d.Management).HasMaxLength(32);
        source.HasMany(d => d.Assets).WithOne(a => a.DataSource).HasForeignKey(a => a.DataSourceId).OnDelete(DeleteBehavior.Cascade);
    }
}
