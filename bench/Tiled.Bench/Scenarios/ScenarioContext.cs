using System.Diagnostics;
using System.Globalization;
using Tiled.Bench.Cli;
using Tiled.Bench.Measure;
using Tiled.Bench.Target;
using Tiled.Bench.Wire;

namespace Tiled.Bench.Scenarios;

/// <summary>What every scenario needs: the options, the target, one HTTP client, fresh node keys and a way to run a case.</summary>
internal sealed class ScenarioContext(BenchOptions options, BenchTarget target, TiledHttp http, TextWriter progress)
{
    /// <summary>Subscribers connected at once while setting up a case.</summary>
    public const int ConnectParallelism = 32;

    private static readonly TimeSpan SubscriberCloseTimeout = TimeSpan.FromSeconds(3);

    private readonly string _run = "bench" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..4]);
    private int _nodes;

    public BenchOptions Options { get; } = options;

    public BenchTarget Target { get; } = target;

    public TiledHttp Http { get; } = http;

    /// <summary>A node key not used before by any run (a PostgreSQL catalog outlives runs).</summary>
    public string NewKey(string scenario) =>
        $"{_run}-{scenario}-{Interlocked.Increment(ref _nodes).ToString(CultureInfo.InvariantCulture)}";

    public void Progress(string message) => progress.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

    /// <summary>Runs one case with a <see cref="CaseMeter"/> around it; a failure becomes a row with the error, not an abort.</summary>
    public async Task<CaseResult> RunCaseAsync(string scenario, string parameters, Func<CaseMeter, Task<CaseResult>> body, CancellationToken ct)
    {
        if (ServerProbe.LoadAverage() is { } load && load > Environment.ProcessorCount)
        {
            Progress($"warning: load average {load:0.0} on {Environment.ProcessorCount} CPUs; other work competes with the server and the bench");
        }

        Progress($"{scenario} {parameters} ...");
        var started = Stopwatch.GetTimestamp();
        CaseResult result;
        var loopbackBefore = ServerProbe.LoopbackBytes();
        try
        {
            await using var meter = new CaseMeter(Target, Options.RssInterval);
            result = await body(meter);
            result = result with { Server = result.Server ?? await meter.StopAsync() };
            if (ServerProbe.LoopbackBytes() - loopbackBefore is { } wire && result.Operations > 0)
            {
                // Everything on loopback while the case ran (HTTP, WebSockets, and Redis/PostgreSQL in redis mode).
                result.Details["loopback_bytes_per_op"] = wire / result.Operations;
            }

            if (result.Server?.CpuSeconds is { } cpu && result.Operations > 0)
            {
                result.Details["server_cpu_ms_per_op"] = Math.Round(cpu * 1000 / result.Operations, 3);
            }
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is not OutOfMemoryException)
        {
            result = CaseResult.Failed(scenario, parameters, e);
        }

        Progress($"{scenario} {parameters}: {Report.MarkdownReport.ThroughputText(result)} in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s{(result.Notes.Length > 0 ? " — " + result.Notes : "")}");
        return result;
    }

    /// <summary>Closes every subscriber (normal close, abort after a few seconds), all at once.</summary>
    public static async Task CloseAllAsync(IEnumerable<StreamSubscriber> subscribers)
    {
        await Task.WhenAll(subscribers.Select(async s =>
        {
            await s.CloseAsync(SubscriberCloseTimeout);
            await s.DisposeAsync();
        }));
    }
}
