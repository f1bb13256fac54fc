using System.Runtime.CompilerServices;
using Tiled.Application.Abstractions;

namespace Tiled.Application.Streaming.Subscriptions;

/// <summary>Reads a run of retained entries a page at a time and turns it into subscription items.</summary>
internal static class RetainedRange
{
    /// <summary>Entries loaded per cache read, which bounds what one reader holds at a time.</summary>
    public const int PageSize = 64;

    /// <summary>
    /// Yields the retained entries <paramref name="from"/>..<paramref name="to"/> in order, an
    /// end-of-stream marker as <see cref="SubscriptionEnd"/>, and a gap before each run of missing
    /// numbers (and after the last entry if the range ends missing). Missing numbers before the
    /// first retained one are reported only with <paramref name="reportLeadingGap"/>.
    /// </summary>
    public static async IAsyncEnumerable<SubscriptionItem> ReadAsync(IStreamCache cache, long nodeId, long from, long to,
        bool reportLeadingGap, bool fromReplay, [EnumeratorCancellation] CancellationToken ct)
    {
        var expected = from;
        var reportGaps = reportLeadingGap;
        for (var pageStart = from; pageStart <= to; pageStart += PageSize)
        {
            var pageEnd = Math.Min(to, pageStart + PageSize - 1);
            foreach (var entry in await cache.GetRangeAsync(nodeId, pageStart, pageEnd, ct))
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
                yield return EndOfStreamMarker.Read(entry) is { } marker
                    ? new SubscriptionEnd(entry.Sequence, fromReplay, marker.NodeDeleted)
                    : new SubscriptionEntry(entry, fromReplay);
            }
        }

        if (expected <= to && reportGaps)
        {
            yield return new SubscriptionGap(expected, to, fromReplay);
        }
    }
}
