using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tiled.Infrastructure.Persistence;

namespace Tiled.Infrastructure.Health;

/// <summary>A SQLite catalog is ready when its schema table can be read (PostgreSQL uses AspNetCore.HealthChecks.NpgSql).</summary>
internal sealed class SqliteCatalogHealthCheck(IDbContextFactory<TiledDbContext> contexts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.SchemaVersions.AnyAsync(cancellationToken);
        return HealthCheckResult.Healthy();
    }
}
