using System.Diagnostics;

namespace Tiled.Bench.Measure;

/// <summary>Samples the server's RSS at a fixed interval while a case runs; keeps the maximum and the series.</summary>
internal sealed class RssSampler : IAsyncDisposable
{
    private readonly int _pid;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<RssSample> _samples = [];
    private readonly Task _loop;
    private readonly long _started = Stopwatch.GetTimestamp();

    public RssSampler(int pid, TimeSpan interval)
    {
        _pid = pid;
        Sample();
        _loop = RunAsync(interval);
    }

    public double? MaxMiB
    {
        get
        {
            lock (_samples)
            {
                return _samples.Count == 0 ? null : _samples.Max(s => s.RssMiB);
            }
        }
    }

    public double? LastMiB
    {
        get
        {
            lock (_samples)
            {
                return _samples.Count == 0 ? null : _samples[^1].RssMiB;
            }
        }
    }

    public IReadOnlyList<RssSample> Samples
    {
        get
        {
            lock (_samples)
            {
                return [.. _samples];
            }
        }
    }

    /// <summary>Stops sampling after one last sample.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        Sample();
        _stop.Dispose();
    }

    private async Task RunAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(_stop.Token))
        {
            Sample();
        }
    }

    private void Sample()
    {
        if (ServerProbe.RssMiB(_pid) is { } rss)
        {
            lock (_samples)
            {
                _samples.Add(new RssSample(Math.Round(Stopwatch.GetElapsedTime(_started).TotalSeconds, 2), Math.Round(rss, 1)));
            }
        }
    }
}
