using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using Serilog.Context;
using Serilog.Extensions.Hosting;

namespace Tiled.Api.Logging;

/// <summary>
/// One log event per request through Serilog.AspNetCore's request logging (method, path without
/// the query, which may hold an API key, status, elapsed ms), enriched with the request id and the
/// node path. The request id is <c>X-Tiled-Request-ID</c> when the client sent a short one, else a
/// new one; it is echoed on the response and carried by every event logged for the request.
/// </summary>
internal static class RequestLogging
{
    public const string Header = "X-Tiled-Request-ID";

    public static IServiceCollection AddRequestLogging(this IServiceCollection services, Serilog.ILogger logger)
    {
        var diagnostics = new DiagnosticContext(logger);
        services.AddSingleton(diagnostics);
        services.AddSingleton<IDiagnosticContext>(diagnostics);
        return services;
    }

    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app, Serilog.ILogger logger)
    {
        app.Use(async (context, next) =>
        {
            var requestId = context.Request.Headers[Header].FirstOrDefault() is { Length: > 0 and <= 64 } given
                ? given
                : Guid.NewGuid().ToString("N")[..16];
            // Set as the response starts: an error answer clears the headers set before it.
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[Header] = requestId;
                return Task.CompletedTask;
            });
            context.TraceIdentifier = requestId;
            using (LogContext.PushProperty("RequestId", requestId))
            {
                await next(context);
            }
        });
        return app.UseSerilogRequestLogging(o =>
        {
            o.Logger = logger;
            o.IncludeQueryInRequestPath = false;
        });
    }

    /// <summary>
    /// After routing: adds the node path to the request's event. (Done here, not when the event is
    /// written: an error answer re-runs the pipeline without the route values.)
    /// </summary>
    public static IApplicationBuilder UseNodePathLogging(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.GetRouteValue("path") is string { Length: > 0 } path)
            {
                context.RequestServices.GetRequiredService<IDiagnosticContext>().Set("NodePath", path);
            }

            return next(context);
        });
}
