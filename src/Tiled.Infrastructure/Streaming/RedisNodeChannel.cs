using StackExchange.Redis;

namespace Tiled.Infrastructure.Streaming;

/// <summary>
/// The live feeds of one node's notify channel. Membership changes and the Redis
/// SUBSCRIBE/UNSUBSCRIBE that go with them are serialized by <see cref="Gate"/>; delivery reads an
/// immutable snapshot and never waits.
/// </summary>
internal sealed class RedisNodeChannel
{
    private readonly Lock _feedsGate = new();
    private ChannelLiveFeed[] _feeds = [];

    public RedisNodeChannel(long nodeId, RedisChannel name)
    {
        NodeId = nodeId;
        Name = name;
    }

    /// <summary>Passes a published number to every feed; called in publication order (one <see cref="ChannelMessageQueue"/> per channel).</summary>
    public void Deliver(ChannelMessage message)
    {
        if (message.Message.TryParse(out long sequence))
        {
            foreach (var feed in Volatile.Read(ref _feeds))
            {
                feed.TryNotify(sequence);
            }
        }
    }

    public long NodeId { get; }

    public RedisChannel Name { get; }

    /// <summary>This channel's own subscription, set under <see cref="Gate"/> once Redis confirmed it; unsubscribing it never touches another.</summary>
    public ChannelMessageQueue? Subscription { get; set; }

    public SemaphoreSlim Gate { get; } = new(1, 1);

    public bool IsSubscribed => Subscription is not null;

    /// <summary>Set under <see cref="Gate"/> when this instance left the registry; callers then start over.</summary>
    public bool IsRetired { get; set; }

    public IReadOnlyList<ChannelLiveFeed> Feeds => Volatile.Read(ref _feeds);

    public void Add(ChannelLiveFeed feed)
    {
        lock (_feedsGate)
        {
            _feeds = [.. _feeds, feed];
        }
    }

    /// <summary>Removes <paramref name="feed"/> and returns how many feeds remain.</summary>
    public int Remove(ChannelLiveFeed feed)
    {
        lock (_feedsGate)
        {
            _feeds = Array.FindAll(_feeds, f => f != feed);
            return _feeds.Length;
        }
    }
}
