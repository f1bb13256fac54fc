using System.Globalization;
using System.Text.Json.Nodes;
using Tiled.Application.Streaming.Subscriptions;
using Tiled.Formats.Streaming;

namespace Tiled.Application.Streaming.Live;

/// <summary>
/// Our additions to the protocol. Neither has a <c>sequence</c> key, so clients that count updates
/// by it ignore them; Tiled's Python client logs "could not be parsed" and skips any unknown type
/// without touching its resume point.
/// <list type="bullet">
/// <item><c>{"type": "gap", "sequence_from": a, "sequence_to": b, "timestamp": ...}</c>: a..b
/// (inclusive) were asked for but are no longer retained and will not be sent.</item>
/// <item><c>{"type": "reset", "previous_sequence": p, "timestamp": ...}</c>: the node's numbering
/// restarted after p; the updates that follow count from 1 again.</item>
/// <item><c>{"type": "closing", "code": c, "reason": r, "detail": ..., "start": s, "timestamp": ...}</c>:
/// the last message before the server closes the socket with code c; r is one of
/// <see cref="StreamEndReasons"/>, and s (absent when the stream ended) the <c>start</c> that resumes
/// without loss.</item>
/// </list>
/// </summary>
public static class StreamMessages
{
    public static JsonObject Closing(CloseDecision decision, string detail, long? resumeFrom, DateTimeOffset now)
    {
        var message = new JsonObject
        {
            ["type"] = StreamMessageTypes.Closing,
            ["code"] = decision.Code,
            ["reason"] = decision.EndReason,
            ["detail"] = detail,
            ["timestamp"] = Timestamp(now),
        };
        if (!decision.StreamEnded)
        {
            message["start"] = resumeFrom;
        }

        return message;
    }

    public static JsonObject Gap(SubscriptionGap gap, DateTimeOffset now) => new()
    {
        ["type"] = StreamMessageTypes.Gap,
        ["sequence_from"] = gap.From,
        ["sequence_to"] = gap.To,
        ["timestamp"] = Timestamp(now),
    };

    public static JsonObject Reset(SubscriptionReset reset, DateTimeOffset now) => new()
    {
        ["type"] = StreamMessageTypes.Reset,
        ["previous_sequence"] = reset.PreviousSequence,
        ["timestamp"] = Timestamp(now),
    };

    /// <summary>ISO 8601 with microseconds and offset, like the timestamps of published events.</summary>
    public static string Timestamp(DateTimeOffset now) =>
        now.ToString("yyyy-MM-ddTHH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture);
}
