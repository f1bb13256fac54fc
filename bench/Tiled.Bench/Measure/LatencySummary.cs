namespace Tiled.Bench.Measure;

/// <summary>Latency percentiles in milliseconds over <see cref="Count"/> samples.</summary>
internal sealed record LatencySummary(long Count, double P50, double P95, double P99, double Max, double Mean);
