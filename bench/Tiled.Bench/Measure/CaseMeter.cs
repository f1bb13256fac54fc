using System.Diagnostics;
using Tiled.Bench.Target;

namespace Tiled.Bench.Measure;

/// <summary>
/// Brackets one case: samples the (first) server's RSS, and measures its CPU time (summed over its processes) (as cores busy on average)
/// and the log lines it wrote. Without a known PID only the log lines (if any) are reported.
/// </summary>
internal sealed class CaseMeter : IAsyncDisposable
{
    private readonly BenchTarget _target;
    private readonly RssSampler? _rss;
    private readonly double? _cpuStart;
    private readonly long? _linesStart;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly TimeSpan _benchCpuStart = Environment.CpuUsage.TotalTime;
    private ServerUsage? _usage;

    public CaseMeter(BenchTarget target, TimeSpan rssInterval)
    {
        _target = target;
        _linesStart = target.ServerLogLines;
        if (target.Pid is { } pid)
        {
            _cpuStart = CpuSeconds(target);
            _rss = new RssSampler(pid, rssInterval);
        }
    }

    /// <summary>Stops measuring (once) and returns the usage; <paramref name="keepSeries"/> keeps every RSS sample.</summary>
    public async Task<ServerUsage> StopAsync(bool keepSeries = false)
    {
        if (_usage is not null)
        {
            return _usage;
        }

        var wall = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        double? cores = null;
        double? cpuSeconds = null;
        if (_target.Pid is { } pid && _cpuStart is { } start && CpuSeconds(_target) is { } end && wall > 0)
        {
            cpuSeconds = Math.Round(end - start, 2);
            cores = Math.Round((end - start) / wall, 2);
        }

        if (_rss is not null)
        {
            await _rss.DisposeAsync();
        }

        long? lines = _target.ServerLogLines is { } now && _linesStart is { } before ? now - before : null;
        var benchCores = wall > 0 ? Math.Round((Environment.CpuUsage.TotalTime - _benchCpuStart).TotalSeconds / wall, 2) : (double?)null;
        _usage = new ServerUsage(Round(_rss?.MaxMiB), Round(_rss?.LastMiB), cores, cpuSeconds, lines, keepSeries ? _rss?.Samples : null,
            benchCores, ServerProbe.LoadAverage());
        return _usage;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>CPU time of all the target's server processes together (null if any cannot be read).</summary>
    private static double? CpuSeconds(BenchTarget target)
    {
        double total = 0;
        foreach (var pid in target.Pids)
        {
            if (ServerProbe.CpuSeconds(pid) is not { } seconds)
            {
                return null;
            }

            total += seconds;
        }

        return total;
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 1) : null;
}
