using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Tiled.Api.Resources;

/// <summary>The externally visible API base (<c>http://host:port/api/v1</c>), honouring X-Forwarded-Host/Proto.</summary>
internal static class ApiLinks
{
    public static string Base(HttpRequest request)
    {
        var scheme = Forwarded(request, "X-Forwarded-Proto", "a URI scheme (http or https)", IsScheme) ?? request.Scheme;
        var host = Forwarded(request, "X-Forwarded-Host", "a host[:port]", IsHost) ?? request.Host.Value;
        return $"{scheme}://{host}{request.PathBase}/api/v1";
    }

    /// <summary>
    /// Refuses (400) a request whose forwarded host or scheme is not one before anything is done for
    /// it: a write would otherwise be stored, and only its answer (made of links) refused.
    /// </summary>
    public static IApplicationBuilder UseForwardedHeaderCheck(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            _ = Base(context.Request);
            return next(context);
        });

    /// <summary>
    /// The first value of a forwarded header (the client's own, when proxies list several), or null.
    /// One that is not a scheme or host is a 400: every link made of it would be broken, and a
    /// response header of it (X-Tiled-Root) cannot even be sent.
    /// </summary>
    private static string? Forwarded(HttpRequest request, string header, string what, Func<string, bool> valid)
    {
        if (request.Headers[header].FirstOrDefault() is not { } value)
        {
            return null;
        }

        var first = value.Split(',')[0].Trim();
        return valid(first) ? first : throw new BadHttpRequestException($"The {header} header must be {what}, not '{value}'.");
    }

    private static bool IsScheme(string value) =>
        value.Length > 0 && char.IsAsciiLetter(value[0]) && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.');

    private static bool IsHost(string value) =>
        value.Length is > 0 and <= 255
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or ':' or '[' or ']')
        && Uri.TryCreate($"http://{value}/", UriKind.Absolute, out var uri) && uri.AbsolutePath == "/" && uri.UserInfo.Length == 0;
}
