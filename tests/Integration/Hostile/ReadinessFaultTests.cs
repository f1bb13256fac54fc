using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.IntegrationTests.Infrastructure;
using Xunit;

namespace Tiled.IntegrationTests.Hostile;

/// <summary>
/// With PostgreSQL or Redis stopped, readiness fails naming the dependency while liveness holds,
/// and readiness comes back when the dependency does (issue #17). Private services, as the fault tests use.
/// </summary>
public sealed class ReadinessFaultTests(FaultyServer server) : IClassFixture<FaultyServer>
{
    [Fact]
    public async Task Issue_17_redis_stopped_fails_readiness_not_liveness()
    {
        if (server.UnavailableReason is not null) { return; }

        await StoppedDependencyFailsReadinessAsync("stream_cache", () =>
        {
            server.Dependencies.StopRedis();
            return Task.CompletedTask;
        }, server.Dependencies.StartRedisAsync);
    }

    [Fact]
    public async Task Issue_17_postgres_stopped_fails_readiness_not_liveness()
    {
        if (server.UnavailableReason is not null) { return; }

        await StoppedDependencyFailsReadinessAsync("catalog", server.Dependencies.StopPostgresAsync, server.Dependencies.StartPostgresAsync);
    }

    private async Task StoppedDependencyFailsReadinessAsync(string check, Func<Task> stop, Func<Task> start)
    {
        (await ReadinessAsync()).Status.Should().Be(HttpStatusCode.OK);

        await stop();
        try
        {
            var (status, report) = await ReadinessAsync();
            status.Should().Be(HttpStatusCode.ServiceUnavailable);
            report["checks"]![check]!["status"]!.ToString().Should().Be("Unhealthy");
            report["checks"]!["storage"]!["status"]!.ToString().Should().Be("Healthy");
            (await server.Anonymous.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);
        }
        finally
        {
            await start();
        }

        await EventuallyReadyAsync();
    }

    private async Task<(HttpStatusCode Status, JsonObject Report)> ReadinessAsync()
    {
        using var response = await server.Anonymous.GetAsync("/readyz");
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/json");
        return (response.StatusCode, await Wire.ReadJsonAsync(response));
    }

    private async Task EventuallyReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await ReadinessAsync()).Status != HttpStatusCode.OK)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "readiness returns once the dependency is back");
            await Task.Delay(200);
        }
    }
}
