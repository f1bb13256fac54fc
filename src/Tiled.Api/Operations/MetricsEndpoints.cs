using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Prometheus;
using Tiled.Api.Auth;
using Tiled.Api.OpenApi;
using Tiled.Domain.Principals;

namespace Tiled.Api.Operations;

/// <summary>
/// <c>GET /api/v1/metrics</c> in Prometheus's text format, for requests holding the <c>metrics</c>
/// scope (Tiled's rule, protocol additions §4.4): the single-user key has it, <c>--public</c> does
/// not grant it (ADR 0011).
/// </summary>
internal static class MetricsEndpoints
{
    public static IApplicationBuilder UseTiledHttpMetrics(this IApplicationBuilder app, TiledMetrics metrics) =>
        app.UseHttpMetrics(o =>
        {
            o.SetMetricFactory(metrics.Factory);
            o.ReduceStatusCodeCardinality();
        });

    public static IEndpointRouteBuilder MapMetricsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/metrics", async (HttpContext context, TiledMetrics metrics) =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await metrics.Registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted);
        }).Operation("operations", "metrics", "Prometheus metrics: requests by route, WebSocket subscribers and messages, stream cache errors")
            .Returns("Metrics in Prometheus' text exposition format.", "text/plain")
            .RequireScopes(Scopes.Metrics);
        return app;
    }
}
