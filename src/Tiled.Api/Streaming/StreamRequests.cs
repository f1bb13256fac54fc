using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tiled.Api.Http;
using Tiled.Api.OpenApi;
using Tiled.Application.Streaming.Live;

namespace Tiled.Api.Streaming;

/// <summary>What the subscription routes check before the upgrade, the same way on each.</summary>
internal static class StreamRequests
{
    /// <summary>400 for a request that is not an upgrade or an <c>envelope_format</c> other than json/msgpack; null when it may go on.</summary>
    public static (int Status, string Detail)? CheckUpgradeAndEnvelope(HttpRequest request, bool isUpgrade, out EnvelopeFormat envelope)
    {
        envelope = EnvelopeFormat.Json;
        if (!isUpgrade)
        {
            return (StatusCodes.Status400BadRequest,
                "This route only serves WebSocket subscriptions: connect with a WebSocket client (Upgrade: websocket).");
        }

        switch (QueryParameters.EnvelopeFormat.From(request).ToString())
        {
            case "" or "json":
                return null;
            case "msgpack":
                envelope = EnvelopeFormat.Msgpack;
                return null;
            default:
                return (StatusCodes.Status400BadRequest, "envelope_format must be 'json' or 'msgpack'.");
        }
    }

    /// <summary>Accepts the upgrade, with permessage-deflate when the client offers it and the options allow it.</summary>
    public static Task<System.Net.WebSockets.WebSocket> AcceptAsync(HttpContext context, StreamSocketOptions options) =>
        context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { DangerousEnableCompression = options.Compression });

    /// <summary>Answers with a JSON error instead of upgrading.</summary>
    public static async Task RefuseAsync(HttpContext context, ILogger logger, string nodePath, int status, string detail)
    {
        StreamSocketLog.SubscriptionRefused(logger, nodePath, status);
        var type = status == StatusCodes.Status404NotFound ? "urn:tiled:error:not-found" : null;
        await ErrorResponses.WriteAsync(context, status, detail, type);
    }
}
