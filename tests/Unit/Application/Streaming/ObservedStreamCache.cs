using Tiled.Application.Abstractions;

namespace Tiled.UnitTests.Application.Streaming;

/// <summary>
/// Wraps a real cache: records the order of counter reads and subscriptions, counts range reads, can run a hook right
/// after subscribing (to append "during the handshake"), and, with <see cref="ScriptFeeds"/>,
/// hands out <see cref="ScriptedLiveFeed"/>s instead of the real notifications.
/// </summary>
internal sealed class ObservedStreamCache(IStreamCache inner, bool scriptFeeds = false) : IStreamCache
{
    private int _rangeReads;

    public List<string> Calls { get; } = [];

    public int RangeReads => Volatile.Read(ref _rangeReads);

    public Func<Task>? AfterSubscribe { get; set; }

    public bool ScriptFeeds { get; } = scriptFeeds;

    /// <summary>The feed the last subscription got (a new one once the previous failed or ended).</summary>
    public ScriptedLiveFeed Feed { get; private set; } = new();

    public Task<long> AppendAsync(long nodeId, ReadOnlyMemory<byte> metadataJson, StreamPayload payload, CancellationToken ct) =>
        inner.AppendAsync(nodeId, metadataJson, payload, ct);

    public Task<long> CloseAsync(long nodeId, ReadOnlyMemory<byte> markerJson, CancellationToken ct) =>
        inner.CloseAsync(nodeId, markerJson, ct);

    public Task<long> CurrentSequenceAsync(long nodeId, CancellationToken ct)
    {
        Calls.Add("current");
        return inner.CurrentSequenceAsync(nodeId, ct);
    }

    public Task<IReadOnlyList<StreamEntry>> GetRangeAsync(long nodeId, long from, long to, CancellationToken ct)
    {
        Interlocked.Increment(ref _rangeReads);
        return inner.GetRangeAsync(nodeId, from, to, ct);
    }

    public Task RemoveAsync(long nodeId, CancellationToken ct) => inner.RemoveAsync(nodeId, ct);

    public async Task<ILiveFeed> SubscribeAsync(long nodeId, CancellationToken ct)
    {
        Calls.Add("subscribe");
        if (ScriptFeeds && Feed.Finished)
        {
            Feed = new ScriptedLiveFeed();
        }

        var feed = ScriptFeeds ? Feed : await inner.SubscribeAsync(nodeId, ct);
        if (AfterSubscribe is { } hook)
        {
            await hook();
        }

        return feed;
    }
}
