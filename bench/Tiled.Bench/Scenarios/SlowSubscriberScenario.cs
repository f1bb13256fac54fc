using System.Diagnostics;
using System.Runtime.CompilerServices;
using Tiled.Bench.Measure;
using Tiled.Bench.Wire;

namespace Tiled.Bench.Scenarios;

/// <summary>
/// One subscriber reads the schema and then stops reading, next to one that keeps reading, while a
/// writer PUTs frames back to back (persist=false unless only true was asked for). The server's RSS
/// is sampled throughout. Afterwards the slow socket is read to its end to see how the server left
/// it (close code and reason, e.g. 1013, or an abort) and how many frames it had sent before.
/// </summary>
internal sealed class SlowSubscriberScenario : IScenario
{
    private static readonly TimeSpan DrainSlowTimeout = TimeSpan.FromSeconds(30);

    public string Name => "slow-subscriber";

    public async IAsyncEnumerable<CaseResult> RunAsync(ScenarioContext context, [EnumeratorCancellation] CancellationToken ct)
    {
        var size = context.Options.SlowFrameMiB;
        var side = LargeFramesScenario.Side(size);
        var persist = !context.Options.Persist.Contains(false);
        var parameters = $"{size} MiB ({side}x{side} uint32) for {context.Options.SlowDuration.TotalSeconds:0} s, 1 slow + 1 reading, persist={persist.ToString().ToLowerInvariant()}";
        yield return await context.RunCaseAsync(Name, parameters, meter => RunCaseAsync(context, meter, parameters, side, persist, ct), ct);
    }

    private async Task<CaseResult> RunCaseAsync(ScenarioContext context, CaseMeter meter, string parameters, int side, bool persist, CancellationToken ct)
    {
        var key = context.NewKey(Name);
        await context.Http.CreateArrayAsync(key, ArrayType.UInt32, [side, side], ct);
        var slow = await StreamSubscriber.ConnectAsync(context.Target, key, 0, ct);
        var (reading, _, connectError) = await StreamSubscriber.ConnectManyAsync(context.Target, key, 1, 0, 1, ct);
        try
        {
            if (reading.Count == 0)
            {
                throw new InvalidOperationException("The reading subscriber did not connect: " + connectError);
            }

            var payload = Payloads.Create(side * side * sizeof(uint));
            var load = await LoadLoop.ClosedAsync(1, context.Options.SlowDuration, null, async (_, index, token) =>
            {
                Payloads.Stamp(payload, index);
                return await context.Http.PutArrayAsync(key, payload, persist, token) == 200;
            }, ct);
            var drained = await StreamSubscriber.WaitForAsync(reading, load.Ok, context.Options.DrainTimeout, ct);

            var drainStarted = Stopwatch.GetTimestamp();
            slow.StartReceiving();
            while (!slow.Finished && Stopwatch.GetElapsedTime(drainStarted) < DrainSlowTimeout)
            {
                await Task.Delay(50, ct);
            }

            var usage = await meter.StopAsync(keepSeries: true);
            var healthy = SubscriberTally.Of(reading, load.Ok);
            var slowEnd = slow.Finished ? (slow.Outcome() is { Length: > 0 } outcome ? outcome : "closed") : "still open";
            var notes = $"slow socket: {slowEnd} after {slow.Updates}/{load.Ok} frames; reading subscriber: {healthy.Received}/{load.Ok}"
                + (drained ? "" : " (not drained)");
            return new CaseResult
            {
                Scenario = Name,
                Parameters = parameters,
                Operations = load.Ok,
                ElapsedSeconds = load.ElapsedSeconds,
                Throughput = load.OkPerSecond,
                ThroughputUnit = "frames/s",
                MegabytesPerSecond = load.Ok * (double)payload.Length / load.ElapsedSeconds / 1e6,
                Latency = healthy.Latency.Summary(),
                Errors = load.Failed + healthy.EndedByServer,
                Lost = healthy.Lost,
                Reordered = healthy.Reordered,
                Server = usage,
                Notes = notes,
                Details =
                {
                    ["slow_frames_received"] = slow.Updates,
                    ["slow_close_code"] = slow.CloseStatus is { } code ? (int)code : null,
                    ["slow_close_reason"] = slow.CloseDescription,
                    ["slow_error"] = slow.Error,
                    ["slow_ended_by_server"] = slow.EndedByServer,
                    ["reading_subscriber_received"] = healthy.Received,
                    ["latency_is_of"] = "the reading subscriber",
                },
            };
        }
        finally
        {
            await ScenarioContext.CloseAllAsync([slow, .. reading]);
        }
    }
}
