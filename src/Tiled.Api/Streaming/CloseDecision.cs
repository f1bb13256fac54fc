namespace Tiled.Api.Streaming;

/// <summary>
/// How a subscription ends from the server's side. With <see cref="Drain"/>, everything already
/// queued is sent before the close frame; without it, queued frames are dropped.
/// </summary>
internal sealed record CloseDecision(int Code, string Reason, bool Drain)
{
    public static CloseDecision ProducerEnded { get; } = new(StreamCloseCodes.ProducerEnded, StreamCloseCodes.ProducerEndedReason, Drain: true);

    public static CloseDecision LiveFeedLost { get; } = new(StreamCloseCodes.LiveFeedLost, StreamCloseCodes.LiveFeedLostReason, Drain: true);

    public static CloseDecision InternalError { get; } = new(StreamCloseCodes.InternalError, StreamCloseCodes.InternalErrorReason, Drain: true);

    /// <summary>The server is shutting down: queued frames are dropped and the subscriber told to reconnect elsewhere or later.</summary>
    public static CloseDecision GoingAway { get; } = new(StreamCloseCodes.GoingAway, StreamCloseCodes.GoingAwayReason, Drain: false);

    /// <summary>The reason is completed with the resume point once the writer has stopped.</summary>
    public static CloseDecision TooSlow { get; } = new(StreamCloseCodes.TooSlow, "", Drain: false);

    /// <summary>The connection is going away for another reason (the subscriber left); nothing is sent.</summary>
    public static CloseDecision Cancelled { get; } = new(0, "", Drain: false);
}
