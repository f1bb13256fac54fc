using Tiled.Application.Abstractions;

namespace Tiled.Infrastructure.Streaming;

/// <summary>
/// The stream cache of a single process. Per node it keeps a counter, the retained entries and the
/// live feeds. Time is judged against the injected <see cref="TimeProvider"/>: an entry lives
/// <see cref="StreamCacheOptions.DataTtlSeconds"/>; the counter lives
/// <see cref="StreamCacheOptions.SeqTtlSeconds"/> after the last append (data TTL + 1 s after a
/// close), after which numbering restarts at 1 and the node's older entries are dropped.
/// </summary>
/// <remarks>
/// Memory is bounded: at most <see cref="StreamCacheOptions.MaxEntriesPerNode"/> entries per node
/// (that node's oldest are evicted) and at most <see cref="StreamCacheOptions.MaxTotalBytes"/>
/// metadata + payload bytes in total (the oldest entries of the whole cache are evicted, except the
/// entry just appended, which is always kept so that its subscribers can load it). Eviction only
/// ever removes entries: counters are never reset by it, so numbers never repeat. Expired entries
/// are freed by the first call that finds any, and by a timer; idle nodes (counter expired, no
/// entries, no feeds) are dropped by the same sweep. All state sits behind one reader/writer lock:
/// appends, subscriptions and sweeps take it exclusively, which keeps numbering and notification
/// order identical; reads (<see cref="GetRangeAsync"/>, <see cref="CurrentSequenceAsync"/>) share it,
/// so replays and live readers of different nodes never wait for one another. Every operation under
/// it is O(1) amortized, except a read, which is O(entries returned) and allocates only the list.
/// </remarks>
public sealed class InMemoryStreamCache : IStreamCache, IDisposable
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(30);

    private readonly ReaderWriterLockSlim _gate = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<long, InMemoryNodeStream> _nodes = [];
    private readonly LinkedList<InMemoryRetainedEntry> _byAge = new();
    private readonly TimeProvider _clock;
    private readonly int _maxEntriesPerNode;
    private readonly long _maxTotalBytes;
    private readonly long _dataTtl;
    private readonly long _seqTtl;
    private readonly long _closedSeqTtl;
    private readonly long _nodeScanInterval;
    private readonly ITimer _sweepTimer;
    private long _retainedBytes;
    private long _nextNodeScan;

    /// <summary>Creates an empty cache; <paramref name="clock"/> decides every expiry.</summary>
    public InMemoryStreamCache(StreamCacheOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.DataTtlSeconds, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SeqTtlSeconds, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxEntriesPerNode, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxTotalBytes, 1L, nameof(options));

        _clock = clock;
        _maxEntriesPerNode = options.MaxEntriesPerNode;
        _maxTotalBytes = options.MaxTotalBytes;
        _dataTtl = Ticks(TimeSpan.FromSeconds(options.DataTtlSeconds));
        _seqTtl = Ticks(TimeSpan.FromSeconds(options.SeqTtlSeconds));
        _closedSeqTtl = Ticks(TimeSpan.FromSeconds(options.DataTtlSeconds + 1L));
        _nodeScanInterval = Ticks(SweepInterval);
        _nextNodeScan = clock.GetTimestamp() + _nodeScanInterval;
        _sweepTimer = clock.CreateTimer(_ => Sweep(), null, SweepInterval, SweepInterval);
    }

    /// <summary>What is held right now: nodes tracked, entries retained, metadata + payload bytes retained.</summary>
    internal (int Nodes, int Entries, long Bytes) Usage() => Read(_ => (_nodes.Count, _byAge.Count, _retainedBytes));

    /// <inheritdoc />
    public Task<long> AppendAsync(long nodeId, ReadOnlyMemory<byte> metadataJson, StreamPayload payload, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        // The caller may reuse its buffers: the cache keeps its own copy, made outside the lock, unless
        // the payload is frozen (a request body), which is kept as it is.
        return Task.FromResult(Append(nodeId, metadataJson.ToArray(), payload.KeepOrCopy(), _seqTtl));
    }

    /// <inheritdoc />
    public Task<long> CloseAsync(long nodeId, ReadOnlyMemory<byte> markerJson, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(Append(nodeId, markerJson.ToArray(), ReadOnlyMemory<byte>.Empty, _closedSeqTtl));
    }

    /// <inheritdoc />
    public Task<long> CurrentSequenceAsync(long nodeId, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(Read(now => _nodes.TryGetValue(nodeId, out var node) ? LiveCounter(node, now) : 0L));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StreamEntry>> GetRangeAsync(long nodeId, long from, long to, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(Read<IReadOnlyList<StreamEntry>>(now =>
        {
            if (!_nodes.TryGetValue(nodeId, out var node) || node.Entries.Count == 0)
            {
                return [];
            }

            // Entries of a previous numbering (counter expired) are never shown: clamp to the live counter.
            var first = node.Entries.Oldest.Sequence;
            var start = Math.Max(Math.Max(from, 1), first);
            var end = Math.Min(Math.Min(to, LiveCounter(node, now)), first + node.Entries.Count - 1);
            if (start > end)
            {
                return [];
            }

            var entries = new StreamEntry[end - start + 1];
            for (var i = 0; i < entries.Length; i++)
            {
                entries[i] = node.Entries[(int)(start - first) + i].Entry;
            }

            return entries;
        }));
    }

    /// <inheritdoc />
    public Task<ILiveFeed> SubscribeAsync(long nodeId, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult<ILiveFeed>(Write(() =>
        {
            var node = GetOrAddNode(nodeId);
            var feed = new ChannelLiveFeed(f => Unsubscribe(node, f));
            node.Feeds.Add(feed);
            return feed;
        }));
    }

    /// <inheritdoc />
    public Task RemoveAsync(long nodeId, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        Write(() =>
        {
            if (_nodes.TryGetValue(nodeId, out var node))
            {
                RestartNumbering(node);
                if (node.IsIdle)
                {
                    _nodes.Remove(nodeId);
                }
            }

            return true;
        });
        return Task.CompletedTask;
    }

    /// <summary>Stops the sweep timer. Live feeds are left as they are.</summary>
    /// <remarks>The lock is not disposed: a sweep already started by the timer may still be using it.</remarks>
    public void Dispose() => _sweepTimer.Dispose();

    /// <summary>Frees expired entries and drops idle nodes now (the timer and every call do this too).</summary>
    internal void Sweep() => Write(() =>
    {
        var now = _clock.GetTimestamp();
        SweepExpired(now);
        ScanNodes(now);
        return true;
    });

    private long Append(long nodeId, byte[] metadataJson, ReadOnlyMemory<byte> payload, long counterTtl)
    {
        _gate.EnterWriteLock();
        try
        {
            var now = _clock.GetTimestamp();
            SweepExpired(now);
            var node = GetOrAddNode(nodeId);
            if (node.Counter > 0 && now >= node.CounterExpiresAt)
            {
                RestartNumbering(node);
            }

            var sequence = ++node.Counter;
            node.CounterExpiresAt = now + counterTtl;
            var entry = new InMemoryRetainedEntry(node, sequence, metadataJson, payload, now + _dataTtl);
            entry.AgeNode = _byAge.AddLast(entry);
            node.Entries.Add(entry);
            _retainedBytes += entry.Bytes;

            while (node.Entries.Count > _maxEntriesPerNode)
            {
                Remove(node.Entries.Oldest);
            }

            while (_retainedBytes > _maxTotalBytes && _byAge.First is { } oldest && oldest.Value != entry)
            {
                Remove(oldest.Value);
            }

            foreach (var feed in node.Feeds)
            {
                feed.TryNotify(sequence);
            }

            return sequence;
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    private ValueTask Unsubscribe(InMemoryNodeStream node, ChannelLiveFeed feed)
    {
        Write(() =>
        {
            node.Feeds.Remove(feed);
            if (node.IsIdle && _nodes.TryGetValue(node.NodeId, out var current) && current == node)
            {
                _nodes.Remove(node.NodeId);
            }

            return true;
        });
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Runs <paramref name="read"/> under the shared lock, or, when expired entries are due to be
    /// freed (or the idle-node scan is due), under the exclusive lock after freeing them.
    /// </summary>
    private T Read<T>(Func<long, T> read)
    {
        var now = _clock.GetTimestamp();
        _gate.EnterReadLock();
        try
        {
            if (!SweepDue(now))
            {
                return read(now);
            }
        }
        finally
        {
            _gate.ExitReadLock();
        }

        return Write(() =>
        {
            SweepExpired(now);
            return read(now);
        });
    }

    private T Write<T>(Func<T> write)
    {
        _gate.EnterWriteLock();
        try
        {
            return write();
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    private bool SweepDue(long now) => (_byAge.First is { } oldest && oldest.Value.ExpiresAt <= now) || now >= _nextNodeScan;

    private InMemoryNodeStream GetOrAddNode(long nodeId)
    {
        if (!_nodes.TryGetValue(nodeId, out var node))
        {
            node = new InMemoryNodeStream(nodeId);
            _nodes.Add(nodeId, node);
        }

        return node;
    }

    private static long LiveCounter(InMemoryNodeStream node, long now) =>
        node.Counter > 0 && now < node.CounterExpiresAt ? node.Counter : 0;

    private void RestartNumbering(InMemoryNodeStream node)
    {
        node.Counter = 0;
        while (node.Entries.Count > 0)
        {
            Remove(node.Entries.Oldest);
        }
    }

    /// <summary>
    /// Every entry has the same TTL and time only moves forward, so the age list is also the
    /// expiry order: expired entries are always at its head.
    /// </summary>
    private void SweepExpired(long now)
    {
        while (_byAge.First is { } oldest && oldest.Value.ExpiresAt <= now)
        {
            Remove(oldest.Value);
        }

        if (now >= _nextNodeScan)
        {
            ScanNodes(now);
        }
    }

    private void ScanNodes(long now)
    {
        _nextNodeScan = now + _nodeScanInterval;
        List<long>? idle = null;
        foreach (var node in _nodes.Values)
        {
            if (node.Counter > 0 && now >= node.CounterExpiresAt)
            {
                RestartNumbering(node);
            }

            if (node.IsIdle)
            {
                (idle ??= []).Add(node.NodeId);
            }
        }

        foreach (var nodeId in idle ?? [])
        {
            _nodes.Remove(nodeId);
        }
    }

    /// <summary>Removes <paramref name="entry"/>, which is always the oldest retained entry of its node.</summary>
    private void Remove(InMemoryRetainedEntry entry)
    {
        if (entry.Node.Entries.Oldest != entry)
        {
            throw new InvalidOperationException("Stream cache entries must leave their node oldest first.");
        }

        if (entry.AgeNode is { } ageNode)
        {
            _byAge.Remove(ageNode);
            entry.AgeNode = null;
        }

        entry.Node.Entries.RemoveOldest();
        _retainedBytes -= entry.Bytes;
    }

    private long Ticks(TimeSpan duration) => (long)(duration.TotalSeconds * _clock.TimestampFrequency);
}
