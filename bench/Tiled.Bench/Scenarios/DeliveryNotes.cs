namespace Tiled.Bench.Scenarios;

/// <summary>The notes of a streaming case whose subscribers fell short: not drained, failed to connect, closed by the server.</summary>
internal static class DeliveryNotes
{
    public static IEnumerable<string> Of(bool drained, TimeSpan drainTimeout, int connectFailures, string? connectError, SubscriberTally tally)
    {
        if (!drained)
        {
            yield return $"not drained after {drainTimeout.TotalSeconds:0} s";
        }

        if (connectFailures > 0)
        {
            yield return $"{connectFailures} subscribers failed to connect: {connectError}";
        }

        if (tally.References > 0)
        {
            yield return $"{tally.References} updates came by reference (array-ref: no payload, no latency sample; --stream-inline-limit 0 sends them inline)";
        }

        if (tally.Outcomes.Length > 0)
        {
            yield return "closed: " + tally.Outcomes;
        }
    }
}
