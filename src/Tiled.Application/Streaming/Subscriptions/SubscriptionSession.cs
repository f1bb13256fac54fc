using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Tiled.Application.Abstractions;

namespace Tiled.Application.Streaming.Subscriptions;

/// <summary>
/// What one subscriber of a node's stream must be sent, in order (protocol §9.7, with the fixes of
/// §15.1, 15.2, 15.5 and 15.6). <see cref="OpenAsync"/> subscribes to live notifications before
/// anything else, so nothing appended afterwards can be missed; <see cref="ReadAsync"/> then yields:
/// <list type="number">
/// <item>with a <c>start</c>: the retained entries <c>max(start, 1)..C</c>, C being the counter read
/// just after subscribing (<c>start = 0</c> means "the oldest retained");</item>
/// <item>then one entry per live notification, each sequence number exactly once and in increasing
/// order: numbers already delivered are dropped, and a jump past the next expected number loads the
/// numbers in between first.</item>
/// </list>
/// Missing numbers that were asked for (expired, evicted) are reported as one
/// <see cref="SubscriptionGap"/> per run, except before the first retained entry when
/// <c>start = 0</c>. A restarted numbering (a notification that goes backwards, or a <c>start</c>
/// beyond C + 1) is reported as a <see cref="SubscriptionReset"/>, then delivery continues from 1.
/// End-of-stream markers are never yielded: met live, the enumeration completes at once; met during
/// the replay, it completes once the replay is done (entries after the marker are still yielded, as
/// Tiled does). A lost live feed ends the enumeration with <see cref="LiveFeedLostException"/>.
/// </summary>
/// <remarks>
/// Entries are loaded <see cref="PageSize"/> at a time, so memory held by the session is bounded by
/// one page of entries; the live feed itself only queues sequence numbers. Telling a duplicate
/// notification (an entry appended between subscribing and reading C, thus also replayed) from a
/// restart relies on the feed being ordered and lossless within one numbering: a restart shows up as
/// a number not above the previous notification, or not above the counter seen before subscribing.
/// The one case this cannot tell apart (a stream created during this handshake, then restarted
/// before any notification) is treated as a duplicate.
/// </remarks>
public sealed class SubscriptionSession : IAsyncDisposable
{
    /// <summary>Entries loaded per cache read while replaying or filling a jump.</summary>
    public const int PageSize = 64;

    private readonly IStreamCache _cache;
    private readonly ILiveFeed _feed;
    private readonly long _counterBeforeSubscribing;
    private readonly long _counterAtOpen;
    private long? _last;
    private long _lastNotified;
    private bool _markerSeen;
    private int _reading;

    private SubscriptionSession(IStreamCache cache, long nodeId, long? start, ILiveFeed feed, long counterBeforeSubscribing, long counterAtOpen)
    {
        _cache = cache;
        NodeId = nodeId;
        Start = start;
        _feed = feed;
        _counterBeforeSubscribing = counterBeforeSubscribing;
        _counterAtOpen = counterAtOpen;
    }

    /// <summary>The node whose stream this session follows.</summary>
    public long NodeId { get; }

    /// <summary>The requested first sequence number; null for live updates only.</summary>
    public long? Start { get; }

    /// <summary>
    /// Subscribes to <paramref name="nodeId"/>'s live notifications and, when <paramref name="start"/>
    /// is given, reads the counter that bounds the replay. Dispose the session to unsubscribe.
    /// </summary>
    public static async Task<SubscriptionSession> OpenAsync(IStreamCache cache, long nodeId, long? start, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cache);
        if (start < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(start), start, "start must not be negative.");
        }

        var before = start is null ? 0 : await cache.CurrentSequenceAsync(nodeId, ct);
        var feed = await cache.SubscribeAsync(nodeId, ct);
        try
        {
            var atOpen = start is null ? 0 : await cache.CurrentSequenceAsync(nodeId, ct);
            // A counter that went down meanwhile restarted during the handshake: the earlier value says nothing.
            return new SubscriptionSession(cache, nodeId, start, feed, before <= atOpen ? before : 0, atOpen);
        }
        catch
        {
            await feed.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The items to send, in order (see the type's summary). Completes normally only when the producer
    /// ended the stream; can be enumerated once.
    /// </summary>
    public async IAsyncEnumerable<SubscriptionItem> ReadAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        if (Interlocked.Exchange(ref _reading, 1) != 0)
        {
            throw new InvalidOperationException("A subscription session can be read only once.");
        }

        if (Start is { } start)
        {
            await foreach (var item in ReplayAsync(start, ct))
            {
                yield return item;
            }

            if (_markerSeen)
            {
                yield break;
            }
        }

        while (await WaitForNotificationAsync(ct))
        {
            while (_feed.Sequences.TryRead(out var sequence))
            {
                await foreach (var item in OnNotificationAsync(sequence, ct))
                {
                    yield return item;
                }

                if (_markerSeen)
                {
                    yield break;
                }
            }
        }

        throw new LiveFeedLostException("The live feed ended.");
    }

    /// <summary>Unsubscribes from live notifications.</summary>
    public ValueTask DisposeAsync() => _feed.DisposeAsync();

    private async IAsyncEnumerable<SubscriptionItem> ReplayAsync(long start, [EnumeratorCancellation] CancellationToken ct)
    {
        var from = Math.Max(start, 1);
        var reportLeadingGap = start > 0;
        if (from > _counterAtOpen + 1)
        {
            // The counter is behind the requested start: the numbering restarted since the subscriber's
            // last connection (or the server lost its history). Deliver the new numbering from 1.
            yield return new SubscriptionReset(start - 1, FromReplay: true);
            from = 1;
            reportLeadingGap = true;
        }

        await foreach (var item in DeliverAsync(from, _counterAtOpen, reportLeadingGap, stopAtMarker: false, fromReplay: true, ct))
        {
            yield return item;
        }

        _last = _counterAtOpen;
    }

    private async IAsyncEnumerable<SubscriptionItem> OnNotificationAsync(long sequence, [EnumeratorCancellation] CancellationToken ct)
    {
        var restarted = _last is { } last && sequence <= last
            && (sequence <= _lastNotified || sequence <= _counterBeforeSubscribing);
        var from = _last switch
        {
            // Live only: the first notification is where this subscriber begins.
            null => sequence,
            _ when restarted => 1,
            { } previous => previous + 1,
        };
        _lastNotified = sequence;
        if (from > sequence)
        {
            // Already delivered: appended between subscribing and reading the counter, so also replayed.
            yield break;
        }

        if (restarted && _last is { } previousSequence)
        {
            yield return new SubscriptionReset(previousSequence, FromReplay: false);
        }

        await foreach (var item in DeliverAsync(from, sequence, reportLeadingGap: true, stopAtMarker: true, fromReplay: false, ct))
        {
            yield return item;
        }

        _last = sequence;
    }

    /// <summary>
    /// Yields the retained entries <paramref name="from"/>..<paramref name="to"/> in order, with a gap
    /// item before each run of missing numbers (and after the last entry if the range ends missing).
    /// </summary>
    private async IAsyncEnumerable<SubscriptionItem> DeliverAsync(long from, long to, bool reportLeadingGap, bool stopAtMarker,
        bool fromReplay, [EnumeratorCancellation] CancellationToken ct)
    {
        var expected = from;
        var reportGaps = reportLeadingGap;
        for (var pageStart = from; pageStart <= to; pageStart += PageSize)
        {
            var pageEnd = Math.Min(to, pageStart + PageSize - 1);
            foreach (var entry in await _cache.GetRangeAsync(NodeId, pageStart, pageEnd, ct))
            {
                if (entry.Sequence < expected || entry.Sequence > pageEnd)
                {
                    continue;
                }

                if (entry.Sequence > expected && reportGaps)
                {
                    yield return new SubscriptionGap(expected, entry.Sequence - 1, fromReplay);
                }

                reportGaps = true;
                expected = entry.Sequence + 1;
                if (EndOfStreamMarker.Is(entry))
                {
                    _markerSeen = true;
                    if (stopAtMarker)
                    {
                        yield break;
                    }

                    continue;
                }

                yield return new SubscriptionEntry(entry, fromReplay);
            }
        }

        if (expected <= to && reportGaps)
        {
            yield return new SubscriptionGap(expected, to, fromReplay);
        }
    }

    private async ValueTask<bool> WaitForNotificationAsync(CancellationToken ct)
    {
        try
        {
            return await _feed.Sequences.WaitToReadAsync(ct);
        }
        catch (ChannelClosedException e) when (e.InnerException is LiveFeedLostException lost)
        {
            ExceptionDispatchInfo.Throw(lost);
            throw;
        }
    }
}
