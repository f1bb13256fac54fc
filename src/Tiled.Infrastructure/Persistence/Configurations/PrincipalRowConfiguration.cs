using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tiled.Infrastructure.Persistence.Rows;

namespace Tiled.Infrastructure.Persistence.Configurations;

internal sealed class PrincipalRowConfiguration(bool postgres) : IEntityTypeConfiguration<PrincipalRow>
{
    public void Configure(EntityTypeBuilder<PrincipalRow> principal)
    {
        principal.ToTable("principals");
        principal.HasKey(p => p.Id);
        principal.Property(p => p.Id).ValueGeneratedOnAdd();
        principal.HasIndex(p => p.Uuid).IsUnique();
        principal.Property(p => p.Roles).IsJson(postgres);
        principal.HasMany(p => p.ApiKeys).WithOne(k => k.Principal).HasForeignKey(k => k.PrincipalId).OnDelete(DeleteBehavior.Cascade);
    }
}
