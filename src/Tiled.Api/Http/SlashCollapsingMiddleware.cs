using Microsoft.AspNetCore.Http;

namespace Tiled.Api.Http;

/// <summary>
/// Normalises the request path before routing: an escaped slash (<c>%2F</c>, which Swagger UI sends
/// for a node path such as <c>exp/x</c>) means a slash, as in Tiled, where Starlette decodes the path;
/// and repeated slashes collapse: the Python client sends <c>/api/v1/array/full//x</c> for children of
/// the root, which must mean <c>/x</c> (protocol §0.1).
/// </summary>
internal sealed class SlashCollapsingMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value;
        if (path is not null && path.Contains("%2F", StringComparison.OrdinalIgnoreCase))
        {
            path = path.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
            context.Request.Path = path;
        }

        if (path is not null && path.Contains("//", StringComparison.Ordinal))
        {
            var collapsed = path;
            while (collapsed.Contains("//", StringComparison.Ordinal))
            {
                collapsed = collapsed.Replace("//", "/", StringComparison.Ordinal);
            }

            context.Request.Path = collapsed;
        }

        return next(context);
    }
}
