using Tiled.Application.Abstractions;

namespace Tiled.Application.Streaming.Subscriptions;

/// <summary>A stored stream entry to forward as an update message (never an end-of-stream marker).</summary>
public sealed record SubscriptionEntry(StreamEntry Entry, bool FromReplay) : SubscriptionItem(FromReplay);
