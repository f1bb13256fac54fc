using Tiled.Application.Streaming.Subscriptions;

namespace Tiled.Application.Streaming.Live;

/// <summary>
/// Where a subscriber cut off for being too slow should reconnect: after the last frame written;
/// else at the first number produced for it; else at its requested start. Thread-safe.
/// </summary>
public sealed class ResumePoint
{
    private long _resumeAfter = -1;
    private long _firstProduced = -1;

    /// <summary>Called for each item about to be queued, replayed or live.</summary>
    public void Produced(SubscriptionItem item) => Interlocked.CompareExchange(ref _firstProduced, FirstNumber(item), -1);

    /// <summary>Called by the writer once <paramref name="frame"/> is on the wire.</summary>
    public void Written(OutgoingFrame frame)
    {
        if (frame.ResumeAfter is { } covered)
        {
            Interlocked.Exchange(ref _resumeAfter, covered);
        }
    }

    public long? From(long? start) =>
        Interlocked.Read(ref _resumeAfter) is >= 0 and var covered ? covered + 1
        : Interlocked.Read(ref _firstProduced) is >= 0 and var first ? first
        : start;

    private static long FirstNumber(SubscriptionItem item) => item switch
    {
        SubscriptionEntry update => update.Entry.Sequence,
        SubscriptionGap gap => gap.From,
        _ => 1,
    };
}
