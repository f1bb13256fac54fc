using Microsoft.Extensions.Logging;

namespace Tiled.Api.Streaming;

/// <summary>Log messages of the subscription WebSocket (event ids 1100-1199). Never API keys or payloads.</summary>
internal static partial class StreamSocketLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information,
        Message = "Subscriber joined {NodePath} (envelope {Envelope}, start {Start})")]
    public static partial void SubscriberJoined(ILogger logger, string nodePath, string envelope, long? start);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information,
        Message = "Subscriber left {NodePath} with close code {CloseCode} ({ClosedBy}) after {Messages} messages")]
    public static partial void SubscriberLeft(ILogger logger, string nodePath, int? closeCode, string closedBy, long messages);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information,
        Message = "Subscription to {NodePath} refused with {StatusCode} before the upgrade")]
    public static partial void SubscriptionRefused(ILogger logger, string nodePath, int statusCode);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information,
        Message = "Subscription to {NodePath} closed with {CloseCode} during first-message authentication")]
    public static partial void AuthMessageRejected(ILogger logger, string nodePath, int closeCode);
}
