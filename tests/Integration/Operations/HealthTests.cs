using System.Net;
using FluentAssertions;
using Tiled.IntegrationTests.Infrastructure;
using Xunit;

namespace Tiled.IntegrationTests.Operations;

/// <summary><c>/healthz</c> and <c>/readyz</c> on a healthy server (issue #17): open to probes without a key, JSON, each dependency named.</summary>
public sealed class HealthTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    [Fact]
    public async Task Issue_17_liveness_answers_without_a_key()
    {
        if (server.UnavailableReason is not null) { return; }

        using var response = await server.Anonymous.GetAsync("/healthz");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/json");
        (await Wire.ReadJsonAsync(response))["status"]!.ToString().Should().Be("Healthy");
    }

    [Fact]
    public async Task Issue_17_readiness_checks_the_catalog_the_storage_and_the_stream_cache()
    {
        if (server.UnavailableReason is not null) { return; }

        using var response = await server.Anonymous.GetAsync("/readyz");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var report = await Wire.ReadJsonAsync(response);
        report["status"]!.ToString().Should().Be("Healthy");
        report["checks"]!.AsObject().Select(c => (c.Key, c.Value!["status"]!.ToString()))
            .Should().BeEquivalentTo([("catalog", "Healthy"), ("storage", "Healthy"), ("stream_cache", "Healthy")]);
    }
}
