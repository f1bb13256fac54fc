using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using FluentAssertions;
using Tiled.Client;
using Tiled.IntegrationTests.Infrastructure;
using Xunit;

namespace Tiled.IntegrationTests.Operations;

/// <summary>
/// <c>GET /api/v1/metrics</c> (issue #17, ADR 0011): Prometheus text for a key with the
/// <c>metrics</c> scope, counts that move with the traffic, 401/403 for everyone else.
/// </summary>
public sealed class MetricsTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    [Fact]
    public async Task Issue_17_metrics_are_prometheus_text_and_count_requests_by_route()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey("m");
        await Wire.CreateInt64ArrayAsync(server.Http, key, 1, 2, 3);
        var before = Sample(await MetricsAsync(), "http_requests_received_total", "PUT", "/api/v1/array/full/{**path}");

        (await server.Http.PutAsync($"/api/v1/array/full/{key}", Wire.Octets(Wire.Int64s(4, 5, 6)))).EnsureSuccessStatusCode();

        var text = await MetricsAsync();
        Sample(text, "http_requests_received_total", "PUT", "/api/v1/array/full/{**path}").Should().Be(before + 1);
        text.Should().Contain("http_request_duration_seconds_bucket").And.Contain("tiled_stream_cache_errors_total");
    }

    [Fact]
    public async Task Issue_17_subscribers_messages_and_bytes_are_counted()
    {
        if (server.UnavailableReason is not null) { return; }
        var root = await server.ConnectAsync();
        var x = await root.WriteArrayAsync(NdArray.From(1L, 2L, 3L), key: Wire.NewKey("sub"));
        var before = await MetricsAsync();
        var received = new TaskCompletionSource();
        await using var subscription = x.Subscribe();
        subscription.NewData += _ =>
        {
            received.TrySetResult();
            return Task.CompletedTask;
        };
        await subscription.StartAsync();

        await x.WriteAsync(NdArray.From(4L, 5L, 6L));
        await received.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var during = await MetricsAsync();
        Sample(during, "tiled_websocket_subscribers").Should().Be(Sample(before, "tiled_websocket_subscribers") + 1);
        Sample(during, "tiled_websocket_messages_sent_total").Should().BeGreaterThanOrEqualTo(Sample(before, "tiled_websocket_messages_sent_total") + 2);
        Sample(during, "tiled_websocket_bytes_sent_total").Should().BeGreaterThan(Sample(before, "tiled_websocket_bytes_sent_total") + 24);
    }

    [Fact]
    public async Task Issue_17_metrics_need_a_key_with_the_metrics_scope()
    {
        if (server.UnavailableReason is not null) { return; }
        var principal = await TiledCli.RunOkAsync("admin", "create-principal", server.Settings.DatabaseUri, "--role", "user");
        var secret = await TiledCli.RunOkAsync("api-key", "create", server.Settings.DatabaseUri, "--principal", principal);
        using var user = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        user.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Apikey", secret);

        using var anonymous = await server.Anonymous.GetAsync("/api/v1/metrics");
        using var withoutScope = await user.GetAsync("/api/v1/metrics");

        (await anonymous.ShouldBeProblemAsync(HttpStatusCode.Unauthorized)).Should().Contain("metrics");
        (await withoutScope.ShouldBeProblemAsync(HttpStatusCode.Forbidden)).Should().Contain("metrics");
    }

    private async Task<string> MetricsAsync()
    {
        using var response = await server.Http.GetAsync("/api/v1/metrics");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType?.MediaType.Should().Be("text/plain");
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The value of the sample of <paramref name="name"/> whose labels contain all of <paramref name="labels"/> (0 when absent).</summary>
    private static double Sample(string text, string name, params string[] labels) =>
        text.Split('\n')
            .Where(line => Regex.IsMatch(line, $"^{Regex.Escape(name)}(\\{{| )") && labels.All(l => line.Contains($"\"{l}\"", StringComparison.Ordinal)))
            .Select(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture))
            .DefaultIfEmpty(0)
            .Sum();
}

/// <summary>A public server still keeps its metrics to keys with the <c>metrics</c> scope (protocol additions §4.4).</summary>
public sealed class PublicMetricsTests(PublicSqliteServer server) : IClassFixture<PublicSqliteServer>
{
    [Fact]
    public async Task Issue_17_public_reads_do_not_open_the_metrics()
    {
        if (server.UnavailableReason is not null) { return; }

        using var anonymous = await server.Anonymous.GetAsync("/api/v1/metrics");
        using var keyed = await server.Http.GetAsync("/api/v1/metrics");

        (await anonymous.ShouldBeProblemAsync(HttpStatusCode.Unauthorized)).Should().Contain("metrics");
        keyed.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
