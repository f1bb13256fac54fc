using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Tiled.Api.Logging;

/// <summary>
/// Accepts or creates <c>X-Tiled-Request-ID</c>, echoes it, opens a logging scope with it and logs
/// one line per request (method, path without query — the query may hold an API key — status, time).
/// </summary>
internal sealed class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    public const string Header = "X-Tiled-Request-ID";

    public async Task InvokeAsync(HttpContext context)
    {
        var requestId = context.Request.Headers[Header].FirstOrDefault() is { Length: > 0 and <= 64 } given
            ? given
            : Guid.NewGuid().ToString("N")[..16];
        context.Response.Headers[Header] = requestId;
        var started = Stopwatch.GetTimestamp();
        using (logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = requestId }))
        {
            try
            {
                await next(context);
            }
            finally
            {
                if (logger.IsEnabled(LogLevel.Information))
                {
                    Log.RequestFinished(logger, context.Request.Method, context.Request.Path.Value ?? "",
                        context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        }
    }
}
