using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Tiled.Infrastructure.Health;

/// <summary>The storage directory is ready when a file can be created in it and deleted again.</summary>
internal sealed class StorageHealthCheck(string directory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var probe = Path.Combine(directory, $".ready-probe-{Guid.NewGuid():N}");
        await File.WriteAllBytesAsync(probe, [], cancellationToken);
        File.Delete(probe);
        return HealthCheckResult.Healthy();
    }
}
