namespace Tiled.Client.Streaming;

/// <summary>Where a subscription is in its life.</summary>
public enum SubscriptionState
{
    NotStarted,
    Connected,
    Reconnecting,
    Closed,
}
