using Microsoft.AspNetCore.Http;
using Tiled.Application.Streaming.Live;

namespace Tiled.Api.Streaming;

/// <summary>The <see cref="ArrayRefLinks"/> of a subscription: the host and scheme the subscriber used (or its proxy forwarded).</summary>
internal static class StreamLinks
{
    public static ArrayRefLinks For(HttpRequest request, string nodePath)
    {
        var scheme = request.IsHttps || request.Headers["X-Forwarded-Proto"] == "https" ? "https" : "http";
        var host = request.Headers["X-Forwarded-Host"].FirstOrDefault() ?? request.Host.Value;
        return new ArrayRefLinks($"{scheme}://{host}{request.PathBase}/api/v1/array/full/{nodePath}");
    }
}
