using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tiled.Api.Http;
using Tiled.Application.Common.Errors;
using Tiled.Api.Logging;
using Tiled.Api.Operations;
using Tiled.Domain.Common;

namespace Tiled.Api.Errors;

/// <summary>
/// The one place exceptions become HTTP responses. Expected failures are 4xx with a readable
/// <c>detail</c> (Tiled's Python client retries every 5xx for 45 s, so a predictable failure must
/// never be a 5xx); anything else is a 500 without internals, logged once.
/// </summary>
internal sealed class TiledExceptionHandler(ILogger<TiledExceptionHandler> logger, TiledMetrics metrics) : IExceptionHandler
{
    // ENOSPC: the storage directory's file system is full (HResult carries the errno on Unix).
    private const int NoSpaceLeft = 28;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            Log.RequestAborted(logger, httpContext.Request.Path);
            return true;
        }

        var (status, type, detail) = exception switch
        {
            ValidationException v => (400, "validation", string.Join(" ", v.Errors.Select(e => e.ErrorMessage).Distinct())),
            DomainException d => (ProblemTypes.StatusOf(d.ErrorCode), d.ErrorCode, d.Message),
            QueryParameterException q => (q.Status, "invalid-query-parameter", q.Message),
            JsonException j => (422, "invalid-json", $"The request body is not valid JSON: {j.Message}"),
            BadHttpRequestException b => (b.StatusCode, "bad-request", b.Message),
            IOException io when (io.HResult & 0xFFFF) == NoSpaceLeft => (507, "insufficient-storage",
                "The server's storage is full: nothing was created, and an array write may be stored in part (repeating it stores it whole). Retry when space has been freed."),
            _ => (500, "internal", "Internal server error"),
        };
        if (status == 503)
        {
            // Transient: Tiled's client retries after this many seconds.
            httpContext.Response.Headers.RetryAfter = "1";
            var cause = exception is CatalogUnavailableException { Cause: { } c } ? c : exception.InnerException ?? exception;
            Log.DependencyUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path, type, cause.GetType().Name);
            if (type == "stream-cache-unavailable")
            {
                metrics.CacheErrors.Inc();
            }
        }
        else if (status == 507)
        {
            Log.DependencyUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path, type, exception.GetType().Name);
        }
        else if (status >= 500)
        {
            Log.UnhandledException(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }

        await ErrorResponses.WriteAsync(httpContext, status, detail, $"urn:tiled:error:{type}");
        return true;
    }
}
