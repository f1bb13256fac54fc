namespace Tiled.Application.Streaming.Live;

/// <summary>
/// Close codes and reasons of the subscription WebSocket. 1000 (stream ended) makes the Python
/// client stop; every other code makes it reconnect with <c>start = last received + 1</c>.
/// </summary>
public static class StreamCloseCodes
{
    /// <summary>The producer closed the stream and this subscriber has everything before the marker.</summary>
    public const int ProducerEnded = 1000;

    /// <summary>The node disappeared between the auth message and the node lookup (reason: Tiled's 404 detail).</summary>
    public const int NodeNotFound = 1008;

    /// <summary>The server is shutting down (graceful stop).</summary>
    public const int GoingAway = 1001;

    /// <summary>An unexpected server error; the subscriber may reconnect.</summary>
    public const int InternalError = 1011;

    /// <summary>The live notification feed (e.g. the Redis connection) was lost; reconnecting resumes.</summary>
    public const int LiveFeedLost = 1012;

    /// <summary>The subscriber fell more than the send budget behind; reconnecting replays from the cache.</summary>
    public const int TooSlow = 1013;

    /// <summary>First-message auth: the frame was not the expected JSON, or none came in time.</summary>
    public const int AuthMessageInvalid = 4001;

    /// <summary>First-message auth: wrong or missing credentials.</summary>
    public const int AuthenticationFailed = 4003;

    public const string ProducerEndedReason = "Producer ended stream";
    public const string NodeDeletedReason = "Node deleted";
    public const string GoingAwayReason = "Server shutting down";
    public const string LiveFeedLostReason = "Live subscription lost";
    public const string InternalErrorReason = "Internal server error";
    public const string NotJsonReason = "Expected JSON auth message";
    public const string NotAuthReason = "Expected {\"type\": \"auth\", ...}";
    public const string AuthTimeoutReason = "Timed out waiting for the auth message";
    public const string AuthenticationFailedReason = "Authentication failed";

    /// <summary>Close reasons are limited to 123 UTF-8 bytes by the WebSocket protocol.</summary>
    public static string Truncate(string reason)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(reason) <= 123)
        {
            return reason;
        }

        var end = Math.Min(reason.Length, 120);
        while (end > 0 && System.Text.Encoding.UTF8.GetByteCount(reason.AsSpan(0, end)) > 120)
        {
            end--;
        }

        if (end > 0 && char.IsHighSurrogate(reason[end - 1]))
        {
            end--;
        }

        return reason[..end] + "...";
    }

    /// <summary>The 1013 reason, telling where to resume (null when nothing tells).</summary>
    public static string TooSlowReason(long? resumeFrom) =>
        resumeFrom is { } start ? $"Subscriber too slow; reconnect with start={start}" : "Subscriber too slow";
}
