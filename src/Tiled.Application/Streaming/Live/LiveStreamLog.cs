using Microsoft.Extensions.Logging;

namespace Tiled.Application.Streaming.Live;

/// <summary>Log messages of the streaming core: hubs, relays, pumps (event ids 1100-1199, shared with the transports). Never API keys or payloads.</summary>
public static partial class LiveStreamLog
{
    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning,
        Message = "Subscriber of {NodePath} is too slow: {QueuedBytes} bytes queued, budget {BudgetBytes}; closing with 1013")]
    public static partial void SubscriberTooSlow(ILogger logger, string nodePath, long queuedBytes, long budgetBytes);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Warning,
        Message = "Live feed of {NodePath} lost ({Reason}); closing with 1012")]
    public static partial void LiveFeedLost(ILogger logger, string nodePath, string reason);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Warning,
        Message = "Stream entry {Sequence} of {NodePath} is not a JSON object; sent as a gap")]
    public static partial void UnreadableEntry(ILogger logger, string nodePath, long sequence);

    [LoggerMessage(EventId = 1107, Level = LogLevel.Error,
        Message = "Subscription to {NodePath} failed; closing with 1011")]
    public static partial void SubscriptionFailed(ILogger logger, Exception exception, string nodePath);

    [LoggerMessage(EventId = 1108, Level = LogLevel.Debug,
        Message = "Following the live feed of node {NodeId} from sequence {Sequence}")]
    public static partial void LiveStreamOpened(ILogger logger, long nodeId, long sequence);

    [LoggerMessage(EventId = 1109, Level = LogLevel.Debug,
        Message = "Stopped following the live feed of node {NodeId}: no subscribers left")]
    public static partial void LiveStreamClosed(ILogger logger, long nodeId);

    [LoggerMessage(EventId = 1110, Level = LogLevel.Warning,
        Message = "Live feed of node {NodeId} stopped; telling {Subscribers} subscribers")]
    public static partial void LiveStreamFailed(ILogger logger, Exception exception, long nodeId, int subscribers);

    [LoggerMessage(EventId = 1111, Level = LogLevel.Warning,
        Message = "Could not inline the payload of update {Sequence} of {NodePath}; sending the reference")]
    public static partial void InlineFailed(ILogger logger, Exception exception, string nodePath, long sequence);
}
