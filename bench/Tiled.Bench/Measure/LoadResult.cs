namespace Tiled.Bench.Measure;

/// <summary>What a load loop did: operations that succeeded and failed, over how long, and their latency.</summary>
internal sealed record LoadResult(long Ok, long Failed, double ElapsedSeconds, LatencyHistogram Latency)
{
    public double OkPerSecond => ElapsedSeconds > 0 ? Ok / ElapsedSeconds : 0;
}
