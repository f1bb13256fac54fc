using System.Diagnostics;

namespace Tiled.Bench.Measure;

/// <summary>
/// Drives an operation (one HTTP request, one Redis command...) either closed-loop (N workers, each
/// issuing the next as soon as the last returns) or paced (a fixed rate, with a bound on requests in
/// flight). An operation returns false or throws <see cref="HttpRequestException"/>/<see cref="IOException"/>
/// or times out to count as failed. Latency is per operation, from issue to completion.
/// </summary>
internal static class LoadLoop
{
    /// <summary>
    /// <paramref name="workers"/> loops call operation(worker, index, token) → success until
    /// <paramref name="duration"/> has passed or <paramref name="maxOperations"/> (if not null) were issued.
    /// </summary>
    public static async Task<LoadResult> ClosedAsync(int workers, TimeSpan duration, long? maxOperations,
        Func<int, long, CancellationToken, Task<bool>> operation, CancellationToken ct)
    {
        long issued = 0;
        long ok = 0;
        long failed = 0;
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var histograms = new LatencyHistogram[workers];
        var tasks = Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            var histogram = histograms[worker] = new LatencyHistogram();
            while (Stopwatch.GetTimestamp() < deadline && !ct.IsCancellationRequested)
            {
                var index = Interlocked.Increment(ref issued) - 1;
                if (maxOperations is { } max && index >= max)
                {
                    break;
                }

                var t0 = Stopwatch.GetTimestamp();
                var success = await InvokeAsync(operation, worker, index, ct);
                histogram.RecordElapsed(t0, Stopwatch.GetTimestamp());
                Interlocked.Increment(ref success ? ref ok : ref failed);
            }
        }, ct)).ToList();
        await Task.WhenAll(tasks);
        return new LoadResult(ok, failed, Stopwatch.GetElapsedTime(started).TotalSeconds, Merge(histograms));
    }

    /// <summary>Issues operation i at start + i/rate (catching up at once when behind), with at most <paramref name="maxInFlight"/> outstanding.</summary>
    public static async Task<LoadResult> PacedAsync(double rate, TimeSpan duration, int maxInFlight,
        Func<long, CancellationToken, Task<bool>> operation, CancellationToken ct)
    {
        long ok = 0;
        long failed = 0;
        using var slots = new SemaphoreSlim(maxInFlight);
        var histogram = new LatencyHistogram();
        var histogramGate = new Lock();
        var pending = new List<Task>();
        var started = Stopwatch.GetTimestamp();
        var total = (long)Math.Floor(rate * duration.TotalSeconds);
        for (long i = 0; i < total && !ct.IsCancellationRequested; i++)
        {
            var due = started + (long)(i / rate * Stopwatch.Frequency);
            var wait = due - Stopwatch.GetTimestamp();
            if (wait > Stopwatch.Frequency / 1000)
            {
                await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), ct);
            }

            await slots.WaitAsync(ct);
            var index = i;
            pending.Add(Task.Run(async () =>
            {
                try
                {
                    var t0 = Stopwatch.GetTimestamp();
                    var success = await InvokeAsync((_, n, token) => operation(n, token), 0, index, ct);
                    var t1 = Stopwatch.GetTimestamp();
                    lock (histogramGate)
                    {
                        histogram.RecordElapsed(t0, t1);
                    }

                    Interlocked.Increment(ref success ? ref ok : ref failed);
                }
                finally
                {
                    slots.Release();
                }
            }, ct));
        }

        await Task.WhenAll(pending);
        return new LoadResult(ok, failed, Stopwatch.GetElapsedTime(started).TotalSeconds, histogram);
    }

    private static async Task<bool> InvokeAsync(Func<int, long, CancellationToken, Task<bool>> operation, int worker, long index, CancellationToken ct)
    {
        try
        {
            return await operation(worker, index, ct);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or System.Net.WebSockets.WebSocketException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return false;
        }
    }

    private static LatencyHistogram Merge(IEnumerable<LatencyHistogram?> histograms)
    {
        var merged = new LatencyHistogram();
        foreach (var histogram in histograms)
        {
            if (histogram is not null)
            {
                merged.Add(histogram);
            }
        }

        return merged;
    }
}
