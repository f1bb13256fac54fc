using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;

namespace Tiled.Api.WebView;

/// <summary>
/// Serves the web view (<c>/ui/</c>, ADR 0015): plain HTML, CSS and ES modules embedded in this
/// assembly under <c>ui/</c>, and <c>/</c> redirects there. The files are public like Swagger UI's:
/// they hold no data; the page reads everything through the API with the key the user types.
/// </summary>
internal static class WebViewFiles
{
    private const string Prefix = "/ui/";

    private static readonly Assembly Assembly = typeof(WebViewFiles).Assembly;
    private static readonly HashSet<string> Names = [.. Assembly.GetManifestResourceNames().Where(n => n.StartsWith("ui/", StringComparison.Ordinal))];
    private static readonly FileExtensionContentTypeProvider ContentTypes = new() { Mappings = { [".mjs"] = "text/javascript" } };

    public static IApplicationBuilder UseWebView(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            await next(context);
            return;
        }

        var path = request.Path.Value ?? "";
        if (path is "" or "/" or "/ui")
        {
            context.Response.Redirect(Prefix);
            return;
        }

        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        var name = "ui/" + (path.Length == Prefix.Length ? "index.html" : path[Prefix.Length..]);
        if (!Names.Contains(name))
        {
            await next(context);
            return;
        }

        await SendAsync(context.Response, name);
    });

    private static async Task SendAsync(HttpResponse response, string name)
    {
        response.ContentType = ContentTypes.TryGetContentType(name, out var type) ? type : "application/octet-stream";
        if (response.ContentType.StartsWith("text/", StringComparison.Ordinal))
        {
            response.ContentType += "; charset=utf-8";
        }

        response.Headers.CacheControl = "no-cache";
        response.Headers.XContentTypeOptions = "nosniff";
        // Nothing from elsewhere: scripts, styles, images and connections stay on this server.
        response.Headers.ContentSecurityPolicy =
            "default-src 'self'; connect-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'";
        await using var stream = Assembly.GetManifestResourceStream(name)!;
        response.ContentLength = stream.Length;
        if (!HttpMethods.IsHead(response.HttpContext.Request.Method))
        {
            await stream.CopyToAsync(response.Body, response.HttpContext.RequestAborted);
        }
    }
}
