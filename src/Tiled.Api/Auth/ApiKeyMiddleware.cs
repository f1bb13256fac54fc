using Microsoft.AspNetCore.Http;
using Tiled.Api.Http;

namespace Tiled.Api.Auth;

/// <summary>
/// Single-user authentication for every route under <c>/api/v1/</c> except the about document and
/// the WebSocket (which authenticates itself, §9.4). A wrong key is 401 "Invalid API key"; no key
/// is 401 unless the server is public and the request only reads.
/// </summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, ApiKeyOptions options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (!path.StartsWith("/api/v1/", StringComparison.Ordinal) || path == "/api/v1/"
            || path.StartsWith("/api/v1/stream/single", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        var credential = ApiKeys.ReadFromHttp(context.Request);
        if (credential.FailureStatus is { } status)
        {
            await ErrorResponses.WriteAsync(context, status, credential.FailureDetail ?? "");
            return;
        }

        if (credential.ApiKey is { } key)
        {
            if (!ApiKeys.Matches(key, options.ApiKey))
            {
                await ErrorResponses.WriteAsync(context, StatusCodes.Status401Unauthorized, ApiKeys.InvalidApiKey);
                return;
            }

            if (context.Request.Query.ContainsKey("api_key"))
            {
                context.Response.Cookies.Append("tiled_api_key", key, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax });
            }

            await next(context);
            return;
        }

        if (options.AllowAnonymousReads && IsRead(context.Request))
        {
            await next(context);
            return;
        }

        await ErrorResponses.WriteAsync(context, StatusCodes.Status401Unauthorized,
            "Not enough permissions. Requires an API key: send 'Authorization: Apikey KEY' or '?api_key=KEY'.");
    }

    private static bool IsRead(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
        || (HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments("/api/v1/table", StringComparison.Ordinal));
}
