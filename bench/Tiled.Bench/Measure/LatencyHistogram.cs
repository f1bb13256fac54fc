using System.Diagnostics;
using System.Numerics;

namespace Tiled.Bench.Measure;

/// <summary>
/// Latencies in microseconds with about 0.8 % resolution (exact below 256 µs, then 128 buckets per
/// power of two), so that millions of samples take a few kilobytes. One writer at a time; merge the
/// histograms of concurrent workers after they stop. The maximum is exact.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBits = 7;
    private const int SubCount = 1 << SubBits;
    private const int Linear = SubCount * 2;
    private const int Octaves = 40;

    private long[]? _counts;
    private long _max;
    private double _sumMicros;

    public long Count { get; private set; }

    public double MaxMs => _max / 1000.0;

    public double MeanMs => Count == 0 ? 0 : _sumMicros / Count / 1000.0;

    /// <summary>Records the time from <paramref name="startTimestamp"/> (a <see cref="Stopwatch"/> timestamp) to <paramref name="endTimestamp"/>.</summary>
    public void RecordElapsed(long startTimestamp, long endTimestamp) =>
        RecordMicros((long)((endTimestamp - startTimestamp) * 1_000_000.0 / Stopwatch.Frequency));

    public void RecordMicros(long micros)
    {
        micros = Math.Max(0, micros);
        _counts ??= new long[Linear + (Octaves * SubCount)];
        _counts[Index(micros)]++;
        Count++;
        _sumMicros += micros;
        _max = Math.Max(_max, micros);
    }

    public void Add(LatencyHistogram other)
    {
        if (other._counts is null)
        {
            return;
        }

        _counts ??= new long[other._counts.Length];
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        _sumMicros += other._sumMicros;
        _max = Math.Max(_max, other._max);
    }

    /// <summary>The value at quantile <paramref name="q"/> (0..1) in milliseconds: the middle of its bucket, never above the maximum.</summary>
    public double PercentileMs(double q)
    {
        if (_counts is null || Count == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(q * Count));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                var (low, width) = Bucket(i);
                return Math.Min(low + (width / 2.0), _max) / 1000.0;
            }
        }

        return MaxMs;
    }

    public LatencySummary? Summary() => Count == 0
        ? null
        : new LatencySummary(Count, PercentileMs(0.50), PercentileMs(0.95), PercentileMs(0.99), MaxMs, MeanMs);

    private static int Index(long micros)
    {
        if (micros < Linear)
        {
            return (int)micros;
        }

        var octave = Math.Min(63 - BitOperations.LeadingZeroCount((ulong)micros) - SubBits, Octaves);
        var sub = (int)(micros >> (octave)) & (SubCount - 1);
        return Math.Min(Linear + ((octave - 1) * SubCount) + sub, Linear + (Octaves * SubCount) - 1);
    }

    private static (long Low, long Width) Bucket(int index)
    {
        if (index < Linear)
        {
            return (index, 1);
        }

        var octave = ((index - Linear) / SubCount) + 1;
        var sub = (index - Linear) % SubCount;
        return ((SubCount + sub) << octave, 1L << octave);
    }
}
