using Tiled.Formats.Streaming;

namespace Tiled.Application.Streaming.Live;

/// <summary>
/// How a subscription ends from the server's side: the close code and its text, and
/// <see cref="EndReason"/>, the machine-readable why of the <c>closing</c> message sent before the
/// close. With <see cref="Drain"/>, everything already queued is sent first; without it, queued
/// frames are dropped.
/// </summary>
public sealed record CloseDecision(int Code, string Reason, bool Drain, string EndReason)
{
    public static CloseDecision ProducerEnded { get; } =
        new(StreamCloseCodes.ProducerEnded, StreamCloseCodes.ProducerEndedReason, Drain: true, StreamEndReasons.EndOfStream);

    /// <summary>The node was deleted: a normal close (1000), so clients do not reconnect to a node that is gone.</summary>
    public static CloseDecision NodeDeleted { get; } =
        new(StreamCloseCodes.ProducerEnded, StreamCloseCodes.NodeDeletedReason, Drain: true, StreamEndReasons.NodeDeleted);

    public static CloseDecision LiveFeedLost { get; } =
        new(StreamCloseCodes.LiveFeedLost, StreamCloseCodes.LiveFeedLostReason, Drain: true, StreamEndReasons.LiveFeedLost);

    public static CloseDecision InternalError { get; } =
        new(StreamCloseCodes.InternalError, StreamCloseCodes.InternalErrorReason, Drain: true, StreamEndReasons.Error);

    /// <summary>The server is shutting down: queued frames are dropped and the subscriber told to reconnect elsewhere or later.</summary>
    public static CloseDecision GoingAway { get; } =
        new(StreamCloseCodes.GoingAway, StreamCloseCodes.GoingAwayReason, Drain: false, StreamEndReasons.ServerShutdown);

    /// <summary>The reason is completed with the resume point once the writer has stopped.</summary>
    public static CloseDecision TooSlow { get; } = new(StreamCloseCodes.TooSlow, "", Drain: false, StreamEndReasons.TooSlow);

    /// <summary>The connection is going away for another reason (the subscriber left); nothing is sent.</summary>
    public static CloseDecision Cancelled { get; } = new(0, "", Drain: false, "");

    /// <summary>Whether the stream itself ended (the subscriber has everything and should not resume).</summary>
    public bool StreamEnded => EndReason is StreamEndReasons.EndOfStream or StreamEndReasons.NodeDeleted;

    /// <summary>How the stream's end <paramref name="end"/> closes the subscription.</summary>
    public static CloseDecision For(Application.Streaming.Subscriptions.SubscriptionEnd end) => end.NodeDeleted ? NodeDeleted : ProducerEnded;
}
