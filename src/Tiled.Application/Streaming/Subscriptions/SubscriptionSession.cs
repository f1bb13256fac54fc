using System.Runtime.CompilerServices;
using Tiled.Application.Abstractions;

namespace Tiled.Application.Streaming.Subscriptions;

/// <summary>
/// What one subscriber of a node's stream must be sent, in order (protocol §9.7). The node's live
/// items come from a <see cref="LiveFeedReader"/> shared by every subscriber of the process; the
/// subscriber joins it at some position P (every live item after the join covers numbers after P)
/// and then opens its session with P, so that:
/// <list type="number">
/// <item><see cref="ReplayAsync"/> yields, with a <c>start</c>, the retained entries
/// <c>max(start, 1)..P</c>, read from the cache for this subscriber alone (<c>start = 0</c> means
/// "the oldest retained"), and nothing without one;</item>
/// <item><see cref="Accept"/> then sees each live item after P in turn and says what to send:
/// numbers below <c>start</c> or already sent are dropped, so every sequence number is sent exactly
/// once and in increasing order.</item>
/// </list>
/// Missing numbers that were asked for (expired, evicted) are reported as one
/// <see cref="SubscriptionGap"/> per run, except before the first retained entry when
/// <c>start = 0</c>. A restarted numbering (a <c>start</c> beyond the counter + 1, or a live
/// reset) is reported as a <see cref="SubscriptionReset"/>, then delivery continues from 1. A
/// marker met live ends the subscription at once (<see cref="SubscriptionEnd"/>); met during the
/// replay, it ends it once the replay is done (entries after the marker are still yielded, as
/// Tiled does).
/// </summary>
/// <remarks>
/// Open the session after joining the live reader: the counter it reads then bounds what the
/// subscriber's last connection can have seen, so a <c>start</c> beyond it is a restart and not
/// merely the reader lagging behind its notifications. Not thread-safe: <see cref="Accept"/> is called
/// by one caller at a time, and only after the replay has completed.
/// </remarks>
public sealed class SubscriptionSession
{
    /// <summary>Entries loaded per cache read while replaying.</summary>
    public const int PageSize = RetainedRange.PageSize;

    private readonly IStreamCache _cache;
    private readonly long _liveAfter;
    private readonly long _counterAtOpen;
    private long _next;
    private long _quietGapsUpTo;
    private bool _anchored;
    private int _replaying;

    private SubscriptionSession(IStreamCache cache, long nodeId, long? start, long liveAfter, long counterAtOpen)
    {
        _cache = cache;
        NodeId = nodeId;
        Start = start;
        _liveAfter = liveAfter;
        _counterAtOpen = counterAtOpen;
        _next = liveAfter + 1;
        _anchored = start is not null;
    }

    /// <summary>The node whose stream this session follows.</summary>
    public long NodeId { get; }

    /// <summary>The requested first sequence number; null for live updates only.</summary>
    public long? Start { get; }

    /// <summary>
    /// Opens the session of a subscriber that joined the node's live reader at
    /// <paramref name="liveAfter"/>; with a <paramref name="start"/>, reads the counter.
    /// </summary>
    public static async Task<SubscriptionSession> OpenAsync(IStreamCache cache, long nodeId, long? start, long liveAfter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cache);
        if (start < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(start), start, "start must not be negative.");
        }

        var counter = start is null ? 0 : await cache.CurrentSequenceAsync(nodeId, ct);
        return new SubscriptionSession(cache, nodeId, start, liveAfter, counter);
    }

    /// <summary>
    /// The replayed items, in order, ending with a <see cref="SubscriptionEnd"/> when the replay met
    /// a marker. Enumerate it once, to the end, before the first <see cref="Accept"/>.
    /// </summary>
    public async IAsyncEnumerable<SubscriptionItem> ReplayAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        if (Interlocked.Exchange(ref _replaying, 1) != 0)
        {
            throw new InvalidOperationException("A subscription session can be replayed only once.");
        }

        if (Start is not { } start)
        {
            yield break;
        }

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

        var found = false;
        SubscriptionEnd? end = null;
        await foreach (var item in RetainedRange.ReadAsync(_cache, NodeId, from, _liveAfter, reportLeadingGap, fromReplay: true, ct))
        {
            found |= item is SubscriptionEntry or SubscriptionEnd;
            if (item is SubscriptionEnd marker)
            {
                end ??= marker;
                continue;
            }

            yield return item;
        }

        _next = Math.Max(from, _liveAfter + 1);
        // start = 0 hides missing numbers up to the counter until the first retained entry, live ones included.
        _quietGapsUpTo = reportLeadingGap || found ? 0 : _counterAtOpen;
        if (end is not null)
        {
            yield return end;
        }
    }

    /// <summary>
    /// Judges the next live item: returns what to send (the item itself, a gap shortened to what is
    /// new, a reset naming this subscriber's last number), a <see cref="SubscriptionEnd"/> when the
    /// subscription ends here, or null when there is nothing to send.
    /// </summary>
    public SubscriptionItem? Accept(SubscriptionItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        switch (item)
        {
            case SubscriptionReset:
                var previous = _next - 1;
                var report = _anchored;
                _next = 1;
                _quietGapsUpTo = 0;
                // A live-only subscriber that has been sent nothing yet simply starts with the new numbering.
                return report ? new SubscriptionReset(previous, FromReplay: false) : null;
            case SubscriptionEntry entry:
                if (entry.Entry.Sequence < _next)
                {
                    return null;
                }

                _next = entry.Entry.Sequence + 1;
                _quietGapsUpTo = 0;
                _anchored = true;
                return entry;
            case SubscriptionGap gap:
                var from = Math.Max(gap.From, Math.Max(_next, _quietGapsUpTo + 1));
                _next = Math.Max(_next, gap.To + 1);
                if (from > gap.To)
                {
                    return null;
                }

                _anchored = true;
                return from == gap.From ? gap : gap with { From = from };
            case SubscriptionEnd end:
                if (end.Sequence < _next)
                {
                    return null;
                }

                _next = end.Sequence + 1;
                return end;
            default:
                throw new ArgumentException($"Unknown subscription item {item.GetType().Name}.", nameof(item));
        }
    }
}
