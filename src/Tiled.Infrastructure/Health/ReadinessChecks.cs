using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tiled.Infrastructure.Persistence;

namespace Tiled.Infrastructure.Health;

/// <summary>
/// The readiness checks of the adapters (ADR 0012): the catalog database answers a query, the
/// storage directory takes a file, the stream cache answers a read and, in Redis mode, Redis answers a
/// PING (AspNetCore.HealthChecks.Redis). Each is bounded by the dependency's timeout
/// (<see cref="BoundedHealthCheck"/>), so a frozen dependency makes readiness fail instead of hang.
/// </summary>
public static class ReadinessChecks
{
    /// <summary>The tag of the checks <c>/readyz</c> runs (<c>/healthz</c> runs none).</summary>
    public const string Tag = "ready";

    public static IHealthChecksBuilder AddTiledReadinessChecks(this IHealthChecksBuilder checks, InfrastructureSettings settings)
    {
        var database = settings.Timeouts.Database;
        if (DependencyInjection.CatalogKind(settings.DatabaseUri) == "postgresql")
        {
            using var db = new TiledDbContext(CatalogDatabase.Configure(settings.DatabaseUri, database));
            checks.AddNpgSql(db.Database.GetConnectionString() ?? "", name: "catalog", tags: [Tag], timeout: database);
        }
        else
        {
            checks.AddCheck<SqliteCatalogHealthCheck>("catalog", tags: [Tag], timeout: database);
        }

        checks.AddCheck("storage", new StorageHealthCheck(Path.GetFullPath(settings.WriteStorage)), tags: [Tag], timeout: database);
        checks.AddCheck<StreamCacheHealthCheck>("stream_cache", tags: [Tag], timeout: settings.Timeouts.StreamCache);
        if (settings.CacheUri is { } cacheUri)
        {
            // The server itself, on a connection of its own; stream_cache checks the connection the server uses.
            var redis = Streaming.RedisConnectionSettings.Parse(cacheUri, "tiled-readiness").Options.ToString(includePassword: true);
            checks.AddRedis(redis, name: "redis", tags: [Tag], timeout: settings.Timeouts.StreamCache);
        }

        // The libraries' checks follow their timeout's cancellation late on a frozen server (Npgsql's
        // cancel request is not answered either: 15 s for 5 s); each check's answer is awaited no longer.
        checks.Services.PostConfigure<HealthCheckServiceOptions>(options =>
        {
            foreach (var registration in options.Registrations.Where(r => r.Tags.Contains(Tag)))
            {
                var build = registration.Factory;
                var timeout = registration.Timeout;
                registration.Factory = services => new BoundedHealthCheck(build(services), timeout);
            }
        });
        return checks;
    }
}
