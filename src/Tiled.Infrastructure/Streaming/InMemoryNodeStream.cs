namespace Tiled.Infrastructure.Streaming;

/// <summary>The state <see cref="InMemoryStreamCache"/> keeps for one node; guarded by the cache's reader/writer lock.</summary>
internal sealed class InMemoryNodeStream(long nodeId)
{
    public long NodeId { get; } = nodeId;

    /// <summary>The last number given; 0 when the stream has none (never started or restarted).</summary>
    public long Counter { get; set; }

    /// <summary>When the counter expires, as a <see cref="TimeProvider.GetTimestamp"/> value.</summary>
    public long CounterExpiresAt { get; set; }

    public InMemoryEntryRing Entries { get; } = new();

    public List<ChannelLiveFeed> Feeds { get; } = [];

    public bool IsIdle => Counter == 0 && Entries.Count == 0 && Feeds.Count == 0;
}
