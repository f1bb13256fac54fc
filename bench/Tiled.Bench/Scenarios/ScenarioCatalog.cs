namespace Tiled.Bench.Scenarios;

/// <summary>Every scenario, in the order <c>all</c> runs them (the slow subscriber and the large listings late, as they leave the server larger).</summary>
internal static class ScenarioCatalog
{
    public static IReadOnlyList<IScenario> All { get; } =
    [
        // First, on a server that has only been warmed up: what the heavier cases leave in its heap
        // (a GC returns memory to the OS only over time) would be counted as the subscribers' cost.
        new IdleSubscribersScenario(),
        new SmallWritesScenario(),
        new LatencyScenario(),
        new LargeFramesScenario(),
        new ReplayScenario(),
        new ReadsScenario(),
        new TablesScenario(),
        new SearchScenario(),
        new SlowSubscriberScenario(),
        new BaselinesScenario(),
        // Last: it leaves the most behind in the server's heap.
        new LargeListingsScenario(),
    ];

    /// <summary>The scenarios named (or all of them for <c>all</c>), in catalog order.</summary>
    public static IReadOnlyList<IScenario> Select(IReadOnlyList<string> names)
    {
        if (names.Contains("all"))
        {
            return All;
        }

        var unknown = names.Where(n => All.All(s => s.Name != n)).ToList();
        return unknown.Count == 0
            ? [.. All.Where(s => names.Contains(s.Name))]
            : throw new ArgumentException($"Unknown scenario {string.Join(", ", unknown)}; known: {string.Join(", ", All.Select(s => s.Name))}, all.");
    }
}
