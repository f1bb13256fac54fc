using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Tiled.Application.Abstractions;

namespace Tiled.Application.Streaming.Subscriptions;

/// <summary>
/// Follows one node's live feed on behalf of every subscriber in the process (protocol §9.7, with
/// the fixes of §15.1, 15.2, 15.5 and 15.6). <see cref="OpenAsync"/> subscribes between two reads of
/// the counter; <see cref="ReadAsync"/> then turns notifications into items that cover the numbers
/// after <see cref="OpenedAt"/> exactly once and in increasing order: each retained entry loaded once
/// (<see cref="SubscriptionEntry"/>, or <see cref="SubscriptionEnd"/> for a marker), one
/// <see cref="SubscriptionGap"/> per run of missing numbers, and a <see cref="SubscriptionReset"/>
/// when the numbering restarts, after which the items count from 1 again. Markers do not stop it:
/// the stream may be written again, and later subscribers follow on. A lost feed ends the
/// enumeration with <see cref="LiveFeedLostException"/>.
/// </summary>
/// <remarks>
/// Notifications already queued behind one another and still rising are loaded as one range. Telling
/// a duplicate notification (an entry appended between subscribing and reading the counter) from a
/// restart relies on the feed being ordered and lossless within one numbering: a restart shows up as
/// a number not above the previous notification, or not above the counter seen before subscribing.
/// The one case this cannot tell apart (a stream created while the reader opens, then restarted
/// before any notification) is treated as a duplicate.
/// </remarks>
public sealed class LiveFeedReader : IAsyncDisposable
{
    private readonly IStreamCache _cache;
    private readonly ILiveFeed _feed;
    private readonly long _counterBeforeSubscribing;
    private long _last;
    private long _lastNotified;
    private int _reading;

    private LiveFeedReader(IStreamCache cache, long nodeId, ILiveFeed feed, long counterBeforeSubscribing, long openedAt)
    {
        _cache = cache;
        NodeId = nodeId;
        _feed = feed;
        _counterBeforeSubscribing = counterBeforeSubscribing;
        OpenedAt = openedAt;
        _last = openedAt;
    }

    /// <summary>The node whose feed this reader follows.</summary>
    public long NodeId { get; }

    /// <summary>The counter read just after subscribing; the items cover the numbers after it.</summary>
    public long OpenedAt { get; }

    /// <summary>Subscribes to <paramref name="nodeId"/>'s notifications. Dispose the reader to unsubscribe.</summary>
    public static async Task<LiveFeedReader> OpenAsync(IStreamCache cache, long nodeId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var before = await cache.CurrentSequenceAsync(nodeId, ct);
        var feed = await cache.SubscribeAsync(nodeId, ct);
        try
        {
            var atOpen = await cache.CurrentSequenceAsync(nodeId, ct);
            // A counter that went down meanwhile restarted during the handshake: the earlier value says nothing.
            return new LiveFeedReader(cache, nodeId, feed, before <= atOpen ? before : 0, atOpen);
        }
        catch
        {
            await feed.DisposeAsync();
            throw;
        }
    }

    /// <summary>The items, in order (see the type's summary); never completes normally. Can be enumerated once.</summary>
    public async IAsyncEnumerable<SubscriptionItem> ReadAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        if (Interlocked.Exchange(ref _reading, 1) != 0)
        {
            throw new InvalidOperationException("A live feed reader can be read only once.");
        }

        while (await WaitForNotificationAsync(ct))
        {
            while (_feed.Sequences.TryRead(out var sequence))
            {
                await foreach (var item in OnNotificationAsync(sequence, ct))
                {
                    yield return item;
                }
            }
        }

        throw new LiveFeedLostException("The live feed ended.");
    }

    /// <summary>Unsubscribes from the node's notifications.</summary>
    public ValueTask DisposeAsync() => _feed.DisposeAsync();

    private async IAsyncEnumerable<SubscriptionItem> OnNotificationAsync(long sequence, [EnumeratorCancellation] CancellationToken ct)
    {
        var restarted = sequence <= _last && (sequence <= _lastNotified || sequence <= _counterBeforeSubscribing);
        var upTo = sequence;
        while (_feed.Sequences.TryPeek(out var next) && next > upTo && _feed.Sequences.TryRead(out next))
        {
            upTo = next;
        }

        _lastNotified = upTo;
        var from = restarted ? 1 : _last + 1;
        if (from > upTo)
        {
            // Already covered: appended between subscribing and reading the counter.
            yield break;
        }

        if (restarted)
        {
            yield return new SubscriptionReset(_last, FromReplay: false);
        }

        SubscriptionGap? trailing = null;
        await foreach (var item in RetainedRange.ReadAsync(_cache, NodeId, from, upTo, reportLeadingGap: true, fromReplay: false, ct))
        {
            if (trailing is not null)
            {
                yield return trailing;
                trailing = null;
            }

            if (item is SubscriptionGap { To: var to } gap && to == upTo)
            {
                // Held back: it may be the marker of a deletion that removed the stream right after writing it.
                trailing = gap;
                continue;
            }

            yield return item;
        }

        _last = upTo;
        if (trailing is not null)
        {
            // Just notified, yet gone with the counter: the stream was removed because its node was deleted.
            yield return await _cache.CurrentSequenceAsync(NodeId, ct) == 0
                ? new SubscriptionEnd(upTo, FromReplay: false, NodeDeleted: true)
                : trailing;
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
