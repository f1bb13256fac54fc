namespace Tiled.Application.Streaming.Subscriptions;

/// <summary>
/// The stream ended with the marker numbered <see cref="Sequence"/>: the producer closed it, or
/// (<see cref="NodeDeleted"/>) the node was deleted. Never sent as an update: the subscription
/// ends once everything before it is sent.
/// </summary>
public sealed record SubscriptionEnd(long Sequence, bool FromReplay, bool NodeDeleted = false) : SubscriptionItem(FromReplay);
