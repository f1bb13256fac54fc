using Microsoft.AspNetCore.Http;
using Tiled.Api.Resources;
using Tiled.Application.Streaming.Live;

namespace Tiled.Api.Streaming;

/// <summary>The <see cref="ArrayRefLinks"/> of a subscription: the host and scheme the subscriber used (or its proxy forwarded).</summary>
internal static class StreamLinks
{
    /// <summary>
    /// The links of each node a subscription streams, made from the request before the upgrade, so that
    /// a forwarded host or scheme that is not one is refused (400) rather than sent as a broken link.
    /// </summary>
    public static Func<string, ArrayRefLinks> For(HttpRequest request)
    {
        var apiBase = ApiLinks.Base(request);
        return nodePath => new ArrayRefLinks($"{apiBase}/array/full/{nodePath}");
    }
}
