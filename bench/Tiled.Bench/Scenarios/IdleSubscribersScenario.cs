using System.Diagnostics;
using System.Runtime.CompilerServices;
using Tiled.Bench.Measure;
using Tiled.Bench.Wire;

namespace Tiled.Bench.Scenarios;

/// <summary>
/// N subscribers connect to one node and sit idle for <c>--duration</c> while the server's RSS is
/// sampled; then one small write must reach every one of them (loss counted), and they all close.
/// Reports RSS before subscribing (baseline), the maximum while idle and after closing, and the
/// connect rate as throughput.
/// </summary>
internal sealed class IdleSubscribersScenario : IScenario
{
    private const int Elements = 5;

    public string Name => "idle-subscribers";

    public async IAsyncEnumerable<CaseResult> RunAsync(ScenarioContext context, [EnumeratorCancellation] CancellationToken ct)
    {
        var count = context.Options.IdleSubscribers;
        var parameters = $"S={count} idle {context.Options.Duration.TotalSeconds:0.#} s";
        yield return await context.RunCaseAsync(Name, parameters, meter => RunCaseAsync(context, meter, parameters, count, ct), ct);
    }

    private async Task<CaseResult> RunCaseAsync(ScenarioContext context, CaseMeter meter, string parameters, int count, CancellationToken ct)
    {
        var key = context.NewKey(Name);
        await context.Http.CreateArrayAsync(key, ArrayType.Int64, [Elements], ct);
        var baseline = ServerRss(context);
        var started = Stopwatch.GetTimestamp();
        var (subscribers, connectFailures, connectError) =
            await StreamSubscriber.ConnectManyAsync(context.Target, key, count, 0, ScenarioContext.ConnectParallelism, ct);
        var connectSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var closed = false;
        try
        {
            context.Progress($"{Name}: {subscribers.Count} connected in {connectSeconds:0.0} s; idle for {context.Options.Duration.TotalSeconds:0.#} s");
            var idle = await IdleRssAsync(context, ct);

            var payload = Payloads.Create(Elements * sizeof(long));
            Payloads.Stamp(payload, 0);
            var written = await context.Http.PutArrayAsync(key, payload, context.Options.Persist[0], ct) == 200 ? 1 : 0;
            var drained = await StreamSubscriber.WaitForAsync(subscribers, written, context.Options.DrainTimeout, ct);
            var tally = SubscriberTally.Of(subscribers, written);

            await ScenarioContext.CloseAllAsync(subscribers);
            closed = true;
            var after = ServerRss(context);
            var usage = await meter.StopAsync();

            var notes = new List<string> { RssText(subscribers.Count, baseline, idle, after) };
            if (written == 0)
            {
                notes.Add("the write failed");
            }

            notes.AddRange(DeliveryNotes.Of(drained, context.Options.DrainTimeout, connectFailures, connectError, tally));

            return tally.Into(new CaseResult
            {
                Scenario = Name,
                Parameters = parameters,
                Operations = subscribers.Count,
                ElapsedSeconds = connectSeconds,
                Throughput = subscribers.Count / connectSeconds,
                ThroughputUnit = "connects/s",
                Server = usage,
                Notes = string.Join("; ", notes),
                Details =
                {
                    ["rss_baseline_mib"] = baseline,
                    ["rss_idle_max_mib"] = idle,
                    ["rss_after_close_mib"] = after,
                    ["rss_per_subscriber_kib"] = PerSubscriberKiB(subscribers.Count, baseline, idle),
                    ["subscribers_connected"] = subscribers.Count,
                    ["connect_seconds"] = Math.Round(connectSeconds, 2),
                    ["latency_is_of"] = "the one write, to every subscriber",
                },
            }, written, 1 - written, connectFailures);
        }
        finally
        {
            if (!closed)
            {
                await ScenarioContext.CloseAllAsync(subscribers);
            }
        }
    }

    /// <summary>The maximum RSS over the idle period (null without a server PID).</summary>
    private static async Task<double?> IdleRssAsync(ScenarioContext context, CancellationToken ct)
    {
        if (context.Target.Pid is not { } pid)
        {
            await Task.Delay(context.Options.Duration, ct);
            return null;
        }

        var sampler = new RssSampler(pid, context.Options.RssInterval);
        await using (sampler)
        {
            await Task.Delay(context.Options.Duration, ct);
        }

        return sampler.MaxMiB;
    }

    private static double? ServerRss(ScenarioContext context) =>
        context.Target.Pid is { } pid && ServerProbe.RssMiB(pid) is { } rss ? Math.Round(rss, 1) : null;

    private static double? PerSubscriberKiB(int connected, double? baseline, double? idle) =>
        connected > 0 && baseline is { } b && idle is { } i ? Math.Round((i - b) * 1024 / connected, 1) : null;

    private static string RssText(int connected, double? baseline, double? idle, double? after) =>
        baseline is null || idle is null
            ? "RSS unknown (no server PID)"
            : $"RSS with {connected} idle subscribers = {idle:0} MiB (baseline {baseline:0} MiB, {PerSubscriberKiB(connected, baseline, idle):0.#} KiB each); {after:0} MiB after closing";
}
