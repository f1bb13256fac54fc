namespace Tiled.Application.Streaming.Subscriptions;

/// <summary>
/// One thing a subscription delivers, in order: an entry, a gap, a reset or the end of the stream.
/// <see cref="FromReplay"/> is true for what a subscriber's replay produced (history it asked for
/// with <c>start</c>) and false for what the node's live feed produced.
/// </summary>
public abstract record SubscriptionItem(bool FromReplay);
