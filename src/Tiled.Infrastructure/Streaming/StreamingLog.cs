using System.Net;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Tiled.Infrastructure.Streaming;

/// <summary>Log messages of the stream caches (event ids 5100–5119).</summary>
internal static partial class StreamingLog
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "Connected to Redis at {Endpoint} for the stream cache (keys under '{KeyPrefix}')")]
    public static partial void Connected(ILogger logger, string endpoint, string keyPrefix);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Redis subscription connection to {Endpoint} lost ({FailureType}); ended {FeedCount} live feeds")]
    public static partial void SubscriptionLost(ILogger logger, EndPoint? endpoint, ConnectionFailureType failureType, int feedCount);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Redis {ConnectionType} connection to {Endpoint} restored")]
    public static partial void ConnectionRestored(ILogger logger, ConnectionType connectionType, EndPoint? endpoint);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "Redis {ConnectionType} connection to {Endpoint} failed ({FailureType})")]
    public static partial void ConnectionFailed(ILogger logger, ConnectionType connectionType, EndPoint? endpoint, ConnectionFailureType failureType);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Debug, Message = "Subscribed to live notifications of node {NodeId}")]
    public static partial void ChannelSubscribed(ILogger logger, long nodeId);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Debug, Message = "Unsubscribed from live notifications of node {NodeId}")]
    public static partial void ChannelUnsubscribed(ILogger logger, long nodeId);

    [LoggerMessage(EventId = 5106, Level = LogLevel.Warning, Message = "Unsubscribing from live notifications of node {NodeId} failed")]
    public static partial void UnsubscribeFailed(ILogger logger, long nodeId, Exception exception);

    [LoggerMessage(EventId = 5107, Level = LogLevel.Warning, Message = "Redis did not answer within {Seconds} s; writes are refused until it answers a PING")]
    public static partial void Unanswered(ILogger logger, double seconds);

    [LoggerMessage(EventId = 5108, Level = LogLevel.Information, Message = "Redis answers again")]
    public static partial void AnsweringAgain(ILogger logger);
}
