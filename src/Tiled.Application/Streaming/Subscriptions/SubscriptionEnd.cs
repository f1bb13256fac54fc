namespace Tiled.Application.Streaming.Subscriptions;

/// <summary>
/// The producer closed the stream with the end-of-stream marker numbered <see cref="Sequence"/>.
/// Never sent as a message: the connection closes with 1000 once everything before it is sent.
/// </summary>
public sealed record SubscriptionEnd(long Sequence, bool FromReplay) : SubscriptionItem(FromReplay);
