namespace Tiled.Application.Streaming.Subscriptions;

/// <summary>
/// The entries numbered <see cref="From"/>..<see cref="To"/> (inclusive) were asked for but are no
/// longer retained (expired or evicted); they will never be delivered on this connection. Reported
/// once per missing run, before the next entry that follows it.
/// </summary>
public sealed record SubscriptionGap(long From, long To, bool FromReplay) : SubscriptionItem(FromReplay);
