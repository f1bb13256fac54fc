using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tiled.Infrastructure.Persistence.Rows;

namespace Tiled.Infrastructure.Persistence.Configurations;

internal sealed class NodeRowConfiguration(bool postgres) : IEntityTypeConfiguration<NodeRow>
{
    public void Configure(EntityTypeBuilder<NodeRow> node)
    {
        node.ToTable("nodes");
        node.HasKey(n => n.Id);
        node.Property(n => n.Id).ValueGeneratedOnAdd().HasAnnotation("Sqlite:Autoincrement", true);
        node.Property(n => n.Path).IsPath(postgres);
        node.Property(n => n.ParentPath).IsPath(postgres);
        node.Property(n => n.StructureFamily).HasMaxLength(32);
        node.Property(n => n.Metadata).IsJson(postgres);
        node.Property(n => n.Specs).IsJson(postgres);
        node.HasIndex(n => n.Path).IsUnique();
        // Children are listed in insertion order: parent_path = p ORDER BY id.
        node.HasIndex(n => new { n.ParentPath, n.Id });
        node.HasMany(n => n.DataSources).WithOne(d => d.Node).HasForeignKey(d => d.NodeId).OnDelete(DeleteBehavior.Cascade);
        node.HasMany(n => n.Revisions).WithOne(r => r.Node).HasForeignKey(r => r.NodeId).OnDelete(DeleteBehavior.Cascade);
    }
}
