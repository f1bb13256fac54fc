using System.Diagnostics;
using System.Runtime.CompilerServices;
using Tiled.Bench.Measure;
using Tiled.Bench.Wire;

namespace Tiled.Bench.Scenarios;

/// <summary>
/// N small updates are written (8 writers, persist=false: only the stream cache matters), then one
/// subscriber joins with start=0. Reports the time from its connect to the last of the N updates,
/// and updates/s. The server RSS and CPU columns cover the replay only.
/// </summary>
internal sealed class ReplayScenario : IScenario
{
    private const int Elements = 5;
    private const int SetupWriters = 8;

    public string Name => "replay";

    public async IAsyncEnumerable<CaseResult> RunAsync(ScenarioContext context, [EnumeratorCancellation] CancellationToken ct)
    {
        var parameters = $"N={context.Options.ReplayCount} start=0";
        yield return await context.RunCaseAsync(Name, parameters, _ => RunCaseAsync(context, parameters, context.Options.ReplayCount, ct), ct);
    }

    private async Task<CaseResult> RunCaseAsync(ScenarioContext context, string parameters, int count, CancellationToken ct)
    {
        var key = context.NewKey(Name);
        await context.Http.CreateArrayAsync(key, ArrayType.Int64, [Elements], ct);
        var payloads = Enumerable.Range(0, SetupWriters).Select(_ => Payloads.Create(Elements * sizeof(long))).ToArray();
        var setup = await LoadLoop.ClosedAsync(SetupWriters, TimeSpan.FromMinutes(10), count, async (worker, index, token) =>
        {
            Payloads.Stamp(payloads[worker], index);
            return await context.Http.PutArrayAsync(key, payloads[worker], false, token) == 200;
        }, ct);
        context.Progress($"{Name}: wrote {setup.Ok} updates in {setup.ElapsedSeconds:0.0} s ({setup.OkPerSecond:0}/s)");

        await using var meter = new CaseMeter(context.Target, context.Options.RssInterval);
        var started = Stopwatch.GetTimestamp();
        var subscriber = await StreamSubscriber.ConnectAsync(context.Target, key, 0, ct);
        var connected = Stopwatch.GetTimestamp();
        try
        {
            subscriber.StartReceiving();
            var timeout = TimeSpan.FromTicks(Math.Max(context.Options.DrainTimeout.Ticks, TimeSpan.FromMinutes(2).Ticks));
            var complete = await StreamSubscriber.WaitForAsync([subscriber], setup.Ok, timeout, ct);
            var usage = await meter.StopAsync();
            var tally = SubscriberTally.Of([subscriber], setup.Ok);
            var end = complete ? subscriber.LastReceipt : Stopwatch.GetTimestamp();
            var seconds = (end - started) / (double)Stopwatch.Frequency;
            var firstMs = subscriber.FirstReceipt > 0 ? (subscriber.FirstReceipt - started) * 1000.0 / Stopwatch.Frequency : (double?)null;
            var notes = $"all {tally.Received} in {seconds:0.000} s; connect+schema {(connected - started) * 1000.0 / Stopwatch.Frequency:0.0} ms; first update {firstMs:0.0} ms";
            return new CaseResult
            {
                Scenario = Name,
                Parameters = parameters,
                Operations = tally.Received,
                ElapsedSeconds = seconds,
                Throughput = tally.Received / seconds,
                ThroughputUnit = "updates/s",
                Errors = setup.Failed + tally.EndedByServer,
                Lost = tally.Lost,
                Reordered = tally.Reordered,
                Server = usage,
                Notes = complete ? notes : $"incomplete after {timeout.TotalSeconds:0} s: {notes}" + (tally.Outcomes.Length > 0 ? "; closed: " + tally.Outcomes : ""),
                Details =
                {
                    ["seconds_to_all"] = seconds,
                    ["milliseconds_to_first"] = firstMs,
                    ["setup_writes_per_second"] = setup.OkPerSecond,
                },
            };
        }
        finally
        {
            await ScenarioContext.CloseAllAsync([subscriber]);
        }
    }
}
