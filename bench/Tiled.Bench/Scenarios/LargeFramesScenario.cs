using System.Diagnostics;
using System.Runtime.CompilerServices;
using Tiled.Bench.Measure;
using Tiled.Bench.Wire;

namespace Tiled.Bench.Scenarios;

/// <summary>
/// One writer PUTs square uint32 frames (1 MiB = 512×512, 4 MiB = 1024×1024, 16 MiB = 2048×2048)
/// back to back while S subscribers receive them. Reports frames written per second, frames and MB
/// delivered per second (all subscribers together) and the send-to-receipt latency.
/// </summary>
internal sealed class LargeFramesScenario : IScenario
{
    public string Name => "large-frames";

    public static int Side(int mebibytes) => (int)Math.Sqrt(mebibytes * 1024.0 * 1024.0 / sizeof(uint));

    public async IAsyncEnumerable<CaseResult> RunAsync(ScenarioContext context, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var size in context.Options.FrameSizesMiB)
        {
            foreach (var subscribers in context.Options.FrameSubscribers)
            {
                foreach (var persist in context.Options.Persist)
                {
                    var side = Side(size);
                    var parameters = $"{size} MiB ({side}x{side} uint32) S={subscribers} persist={persist.ToString().ToLowerInvariant()}";
                    yield return await context.RunCaseAsync(Name, parameters, meter => RunCaseAsync(context, meter, parameters, side, subscribers, persist, ct), ct);
                }
            }
        }
    }

    private async Task<CaseResult> RunCaseAsync(ScenarioContext context, CaseMeter meter, string parameters, int side, int count, bool persist, CancellationToken ct)
    {
        var key = context.NewKey(Name);
        await context.Http.CreateArrayAsync(key, ArrayType.UInt32, [side, side], ct);
        var (subscribers, connectFailures, connectError) =
            await StreamSubscriber.ConnectManyAsync(context.Target, key, count, 0, ScenarioContext.ConnectParallelism, ct);
        try
        {
            var payload = Payloads.Create(side * side * sizeof(uint));
            var started = Stopwatch.GetTimestamp();
            var load = await LoadLoop.ClosedAsync(1, context.Options.Duration, null, async (_, index, token) =>
            {
                Payloads.Stamp(payload, index);
                return await context.Http.PutArrayAsync(key, payload, persist, token) == 200;
            }, ct);
            var drained = await StreamSubscriber.WaitForAsync(subscribers, load.Ok, context.Options.DrainTimeout, ct);
            var usage = await meter.StopAsync();
            var tally = SubscriberTally.Of(subscribers, load.Ok);
            var deliverySeconds = tally.LastReceipt > started ? (tally.LastReceipt - started) / (double)Stopwatch.Frequency : load.ElapsedSeconds;
            var notes = DeliveryNotes.Of(drained, context.Options.DrainTimeout, connectFailures, connectError, tally);

            return tally.Into(new CaseResult
            {
                Scenario = Name,
                Parameters = parameters,
                Operations = load.Ok,
                ElapsedSeconds = load.ElapsedSeconds,
                Throughput = load.OkPerSecond,
                ThroughputUnit = "frames/s",
                DeliveredPerSecond = tally.Received / deliverySeconds,
                MegabytesPerSecond = tally.PayloadBytes / deliverySeconds / 1e6,
                Server = usage,
                Notes = string.Join("; ", notes),
                Details =
                {
                    ["write_latency"] = load.Latency.Summary(),
                    ["write_megabytes_per_second"] = load.Ok * (double)payload.Length / load.ElapsedSeconds / 1e6,
                    ["frames_received"] = tally.Received,
                },
            }, load.Ok, load.Failed, connectFailures);
        }
        finally
        {
            await ScenarioContext.CloseAllAsync(subscribers);
        }
    }
}
