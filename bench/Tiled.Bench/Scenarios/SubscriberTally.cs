using Tiled.Bench.Measure;
using Tiled.Bench.Wire;

namespace Tiled.Bench.Scenarios;

/// <summary>The subscribers of one case, added up against the number of updates each should have received.</summary>
internal sealed record SubscriberTally(long Received, long Lost, long Reordered, long PayloadBytes, long EndedByServer,
    long LastReceipt, LatencyHistogram Latency, string Outcomes, long References = 0)
{
    public static SubscriberTally Of(IReadOnlyList<StreamSubscriber> subscribers, long expectedEach)
    {
        var latency = new LatencyHistogram();
        foreach (var subscriber in subscribers)
        {
            latency.Add(subscriber.Latency);
        }

        var outcomes = subscribers.Select(s => s.Outcome()).Where(o => o.Length > 0)
            .GroupBy(o => o)
            .Select(g => $"{g.Count()}× {g.Key}");
        return new SubscriberTally(
            subscribers.Sum(s => s.Updates),
            subscribers.Sum(s => Math.Max(expectedEach - s.Updates, s.Missing)),
            subscribers.Sum(s => s.Reordered + s.Duplicates),
            subscribers.Sum(s => s.PayloadBytes),
            subscribers.Count(s => s.EndedByServer),
            subscribers.Count == 0 ? 0 : subscribers.Max(s => s.LastReceipt),
            latency,
            string.Join("; ", outcomes),
            subscribers.Sum(s => s.References));
    }

    /// <summary>
    /// <paramref name="result"/> with the delivery columns: failed writes, subscribers that never
    /// connected (each lost every one of the <paramref name="written"/> updates) and server closes.
    /// </summary>
    public CaseResult Into(CaseResult result, long written, long writeFailures, int connectFailures) => result with
    {
        Latency = Latency.Summary(),
        Errors = writeFailures + connectFailures + EndedByServer,
        Lost = Lost + (connectFailures * written),
        Reordered = Reordered,
    };
}
