using System.Diagnostics;
using System.Runtime.CompilerServices;
using Tiled.Bench.Measure;
using Tiled.Bench.Wire;

namespace Tiled.Bench.Scenarios;

/// <summary>
/// One writer PUTs a 5×int64 array at a fixed rate (up to <c>--max-in-flight</c> requests outstanding)
/// while S subscribers listen on msgpack. Latency runs from the writer's send (the stamp in the first
/// element) to each subscriber's receipt; every subscriber should receive every write exactly once,
/// in sequence order, so loss and reordering are counted and must be zero. With <c>--processes N</c>
/// write i goes to process i mod N; the subscribers stay on the first.
/// </summary>
internal sealed class LatencyScenario : IScenario
{
    private const int Elements = 5;

    public string Name => "latency";

    public async IAsyncEnumerable<CaseResult> RunAsync(ScenarioContext context, [EnumeratorCancellation] CancellationToken ct)
    {
        var persist = context.Options.Persist[0];
        foreach (var rate in context.Options.Rates)
        {
            foreach (var subscribers in context.Options.Subscribers)
            {
                var parameters = $"rate={rate}/s S={subscribers} persist={persist.ToString().ToLowerInvariant()}";
                yield return await context.RunCaseAsync(Name, parameters, meter => RunCaseAsync(context, meter, parameters, rate, subscribers, persist, ct), ct);
            }
        }
    }

    private async Task<CaseResult> RunCaseAsync(ScenarioContext context, CaseMeter meter, string parameters, int rate, int count, bool persist, CancellationToken ct)
    {
        var key = context.NewKey(Name);
        await context.Http.CreateArrayAsync(key, ArrayType.Int64, [Elements], ct);
        var (subscribers, connectFailures, connectError) =
            await StreamSubscriber.ConnectManyAsync(context.Target, key, count, 0, ScenarioContext.ConnectParallelism, ct);
        try
        {
            var started = Stopwatch.GetTimestamp();
            var load = await LoadLoop.PacedAsync(rate, context.Options.Duration, context.Options.MaxInFlight, async (index, token) =>
            {
                var payload = Payloads.Create(Elements * sizeof(long));
                Payloads.Stamp(payload, index);
                return await context.Http.PutArrayAsync(key, payload, persist, token, writer: (int)(index % context.Target.BaseUrls.Count)) == 200;
            }, ct);
            var drained = await StreamSubscriber.WaitForAsync(subscribers, load.Ok, context.Options.DrainTimeout, ct);
            var usage = await meter.StopAsync();
            var tally = SubscriberTally.Of(subscribers, load.Ok);
            var deliverySeconds = tally.LastReceipt > started ? (tally.LastReceipt - started) / (double)Stopwatch.Frequency : load.ElapsedSeconds;
            var notes = new List<string>();
            if (load.OkPerSecond < rate * 0.95)
            {
                notes.Add($"writer reached {load.OkPerSecond:0}/s of {rate}/s");
            }

            notes.AddRange(DeliveryNotes.Of(drained, context.Options.DrainTimeout, connectFailures, connectError, tally));

            return tally.Into(new CaseResult
            {
                Scenario = Name,
                Parameters = parameters,
                Operations = load.Ok,
                ElapsedSeconds = load.ElapsedSeconds,
                Throughput = load.OkPerSecond,
                ThroughputUnit = "writes/s",
                DeliveredPerSecond = tally.Received / deliverySeconds,
                Server = usage,
                Notes = string.Join("; ", notes),
                Details =
                {
                    ["write_latency"] = load.Latency.Summary(),
                    ["subscribers_connected"] = subscribers.Count,
                    ["messages_received"] = tally.Received,
                },
            }, load.Ok, load.Failed, connectFailures);
        }
        finally
        {
            await ScenarioContext.CloseAllAsync(subscribers);
        }
    }
}
