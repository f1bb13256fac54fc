using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Tiled.Api.Auth;

/// <summary>
/// Sets Tiled's <c>tiled_csrf</c> cookie on responses of the about document and the auth routes to
/// a request that came without one: Tiled's Python client reads it before revoking a key (it sends
/// it back as <c>x-csrf</c>) and fails when it was never set; its first request is the about
/// document. No write here is authenticated by a cookie, so nothing needs to check it.
/// </summary>
internal static class CsrfCookie
{
    public const string Name = "tiled_csrf";

    public static IApplicationBuilder UseCsrfCookie(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var path = context.Request.Path.Value ?? "";
            var wanted = path.TrimEnd('/').Equals("/api/v1", StringComparison.OrdinalIgnoreCase)
                || path.StartsWith("/api/v1/auth", StringComparison.OrdinalIgnoreCase);
            if (wanted && !context.Request.Cookies.ContainsKey(Name))
            {
                context.Response.Cookies.Append(Name, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                    new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Path = "/" });
            }

            return next(context);
        });
}
