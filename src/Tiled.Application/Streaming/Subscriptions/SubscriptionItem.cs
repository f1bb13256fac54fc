namespace Tiled.Application.Streaming.Subscriptions;

/// <summary>
/// One thing a <see cref="SubscriptionSession"/> asks its connection to send, in order.
/// <see cref="FromReplay"/> is true for what the initial replay produced (history the subscriber
/// asked for with <c>start</c>) and false for what live notifications produced.
/// </summary>
public abstract record SubscriptionItem(bool FromReplay);
