using Microsoft.AspNetCore.Http;

namespace Tiled.Api.Http;

/// <summary>
/// Collapses repeated slashes in the request path before routing: the Python client sends
/// <c>/api/v1/array/full//x</c> for children of the root, which must mean <c>/x</c> (protocol §0.1).
/// </summary>
internal sealed class SlashCollapsingMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value;
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
