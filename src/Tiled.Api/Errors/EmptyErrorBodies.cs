using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Tiled.Api.Http;

namespace Tiled.Api.Errors;

/// <summary>
/// Gives every error answered without a body (no route matched: 404; a route matched but not its
/// method: 405) Tiled's JSON error, <c>{"detail": ...}</c> as <c>application/json</c>. Responses
/// that already carry a body or a content type are left alone.
/// </summary>
internal static class EmptyErrorBodies
{
    public static IApplicationBuilder UseJsonForEmptyErrors(this IApplicationBuilder app) =>
        app.UseStatusCodePages(context => ErrorResponses.WriteAsync(context.HttpContext, context.HttpContext.Response.StatusCode,
            Detail(context.HttpContext)));

    private static string Detail(HttpContext context) => context.Response.StatusCode switch
    {
        StatusCodes.Status404NotFound => $"No route matches {context.Request.Method} {context.Request.Path}; the API is under /api/v1/ and described at /docs.",
        StatusCodes.Status405MethodNotAllowed => $"{context.Request.Method} is not allowed on {context.Request.Path}" +
            (context.Response.Headers.Allow.Count > 0 ? $"; allowed: {context.Response.Headers.Allow}." : "."),
        var status => ReasonPhrase(status),
    };

    private static string ReasonPhrase(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : $"HTTP {status}";
}
