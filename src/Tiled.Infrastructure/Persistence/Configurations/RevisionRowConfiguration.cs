using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tiled.Infrastructure.Persistence.Rows;

namespace Tiled.Infrastructure.Persistence.Configurations;

internal sealed class RevisionRowConfiguration(bool postgres) : IEntityTypeConfiguration<RevisionRow>
{
    public void Configure(EntityTypeBuilder<RevisionRow> revision)
    {
        revision.ToTable("revisions");
        revision.HasKey(r => r.Id);
        revision.Property(r => r.Id).ValueGeneratedOnAdd();
        revision.Property(r => r.Metadata).IsJson(postgres);
        revision.Property(r => r.Specs).IsJson(postgres);
        revision.HasIndex(r => new { r.NodeId, r.RevisionNumber }).IsUnique();
    }
}
