namespace Tiled.Bench.Measure;

/// <summary>One row of the report: a scenario run with one set of parameters.</summary>
internal sealed record CaseResult
{
    public required string Scenario { get; init; }

    /// <summary>Short human form, e.g. <c>W=4 nodes=4 persist=true</c>.</summary>
    public required string Parameters { get; init; }

    /// <summary>Operations counted for <see cref="Throughput"/> (writes, messages, requests, frames).</summary>
    public long Operations { get; init; }

    public double ElapsedSeconds { get; init; }

    public double Throughput { get; init; }

    /// <summary>e.g. <c>writes/s</c>, <c>msgs/s</c>, <c>req/s</c>.</summary>
    public string ThroughputUnit { get; init; } = "ops/s";

    /// <summary>Stream messages received per second, summed over all subscribers (null where nothing is streamed).</summary>
    public double? DeliveredPerSecond { get; init; }

    /// <summary>Payload megabytes (10^6) per second, where bytes are the point.</summary>
    public double? MegabytesPerSecond { get; init; }

    public LatencySummary? Latency { get; init; }

    /// <summary>Failed requests, failed connections, unexpected closes.</summary>
    public long Errors { get; init; }

    /// <summary>Updates a subscriber should have received but did not (null where nothing is streamed).</summary>
    public long? Lost { get; init; }

    /// <summary>Updates received with a sequence not above the previous one (null where nothing is streamed).</summary>
    public long? Reordered { get; init; }

    public ServerUsage? Server { get; init; }

    public string Notes { get; init; } = "";

    /// <summary>Scenario-specific figures (close codes, RSS series, writer-side latency...).</summary>
    public Dictionary<string, object?> Details { get; init; } = [];

    public static CaseResult Failed(string scenario, string parameters, Exception error) => new()
    {
        Scenario = scenario,
        Parameters = parameters,
        Errors = 1,
        Notes = "failed: " + error.GetType().Name + ": " + error.Message.ReplaceLineEndings(" "),
    };
}
