using System.Text.Json.Nodes;
using Tiled.Application.Streaming.Live;
using Tiled.Formats.Streaming;

namespace Tiled.Api.Streaming.Multiplexed;

/// <summary>
/// The server's control messages on <c>/stream/multi</c> (protocol additions §2.4, the proposed
/// forms), encoded in the connection's envelope. Subscription messages travel inside <c>next</c>
/// (<see cref="NextEnvelope"/>). Our additions: <c>complete</c> carries a <c>reason</c>
/// (<c>end-of-stream</c>, <c>error</c>), and a socket the server closes first gets a
/// <c>connection_closing</c> message with the close code, why, and where each subscription resumes.
/// </summary>
internal static class MultiplexedMessages
{
    public const string EndOfStream = "end-of-stream";
    public const string Failed = "error";

    public static JsonObject ConnectionAck() => new() { ["type"] = "connection_ack" };

    public static JsonObject SubscribeAck(string id, string path, long nodeId) => new()
    {
        ["type"] = "subscribe_ack",
        ["id"] = id,
        ["path"] = path,
        ["node_id"] = nodeId,
    };

    /// <summary>A failure; <paramref name="id"/> null for one that concerns the connection, not a subscription.</summary>
    public static JsonObject Error(string? id, string? path, string error) => new()
    {
        ["type"] = "error",
        ["id"] = id,
        ["path"] = path,
        ["error"] = error,
    };

    public static JsonObject Complete(string id, string path, string reason) => new()
    {
        ["type"] = "complete",
        ["id"] = id,
        ["path"] = path,
        ["reason"] = reason,
    };

    public static JsonObject Pong(string? payload) => new() { ["type"] = "pong", ["payload"] = payload };

    /// <summary>
    /// Sent just before the server closes the socket: <paramref name="resume"/> maps each active
    /// subscription id to the <c>start</c> that resumes it without loss (null: live only).
    /// </summary>
    public static JsonObject ConnectionClosing(CloseDecision decision, string detail, IReadOnlyDictionary<string, long?> resume)
    {
        var points = new JsonObject();
        foreach (var (id, start) in resume)
        {
            points[id] = start;
        }

        return new JsonObject
        {
            ["type"] = "connection_closing",
            ["code"] = decision.Code,
            ["reason"] = decision.EndReason,
            ["detail"] = detail,
            ["resume"] = points,
        };
    }
}
