using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tiled.Infrastructure.Persistence;

namespace Tiled.Infrastructure.Health;

/// <summary>A check whose answer is awaited for at most <paramref name="timeout"/>: past it the dependency is reported unhealthy (the check ends on its own).</summary>
internal sealed class BoundedHealthCheck(IHealthCheck inner, TimeSpan timeout) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await DatabaseDeadline.WithinAsync(inner.CheckHealthAsync(context, cancellationToken), timeout);
        }
        catch (TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"No answer within {timeout.TotalSeconds:0.#} s.");
        }
    }
}
