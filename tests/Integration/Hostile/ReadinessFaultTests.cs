using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.IntegrationTests.Infrastructure;
using Xunit;

namespace Tiled.IntegrationTests.Hostile;

/// <summary>
/// With PostgreSQL or Redis stopped or frozen, readiness fails naming the dependency, within the
/// dependency timeout, while liveness holds,
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

    [Fact]
    public async Task Readiness_fails_within_the_timeout_while_PostgreSQL_is_frozen()
    {
        if (server.UnavailableReason is not null) { return; }

        await StoppedDependencyFailsReadinessAsync("catalog", () => server.Dependencies.SignalPostgresAsync("STOP"),
            () => server.Dependencies.SignalPostgresAsync("CONT"));
    }

    [Fact]
    public async Task Readiness_fails_within_the_timeout_while_Redis_is_frozen()
    {
        if (server.UnavailableReason is not null) { return; }

        await StoppedDependencyFailsReadinessAsync("stream_cache", () => server.Dependencies.SignalRedisAsync("STOP"),
            () => server.Dependencies.SignalRedisAsync("CONT"));
    }

    /// <summary>Readiness answers 503 naming <paramref name="check"/>, within the dependency timeout (its checks run at once), while liveness holds.</summary>
    private async Task StoppedDependencyFailsReadinessAsync(string check, Func<Task> stop, Func<Task> start)
    {
        await EventuallyReadyAsync();

        await stop();
        try
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var (status, report) = await ReadinessAsync();
            watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(FaultyServer.TimeoutSeconds + 1.5), "each check is bounded by its dependency's timeout");
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
