using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tiled.Application.Abstractions;

namespace Tiled.Infrastructure.Health;

/// <summary>
/// The stream cache is ready when it is not known to be down and answers a read of a counter no
/// node has (a round trip to Redis over the server's own connection; nothing for the in-memory
/// cache). The Redis server itself is checked by AspNetCore.HealthChecks.Redis (ADR 0012).
/// </summary>
internal sealed class StreamCacheHealthCheck(IStreamCache cache) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!cache.IsAvailable)
        {
            return HealthCheckResult.Unhealthy("The stream cache is unreachable.");
        }

        await cache.CurrentSequenceAsync(0, cancellationToken);
        return HealthCheckResult.Healthy();
    }
}
