using System.Runtime.CompilerServices;
using StackExchange.Redis;
using Tiled.Bench.Baselines;
using Tiled.Bench.Measure;

namespace Tiled.Bench.Scenarios;

/// <summary>
/// What the machine gives without Tiled, measured in the same run: Redis round trips and pipelined
/// GETs (only when the target uses Redis), and loopback WebSocket echo and push through a bare
/// Kestrel inside the bench process, with the large-frames sizes. Server columns stay empty.
/// </summary>
internal sealed class BaselinesScenario : IScenario
{
    public string Name => "baselines";

    public async IAsyncEnumerable<CaseResult> RunAsync(ScenarioContext context, [EnumeratorCancellation] CancellationToken ct)
    {
        var duration = context.Options.Duration;
        if (context.Target.RedisEndpoint is { } endpoint)
        {
            RedisBaseline? redis = null;
            Exception? failure = null;
            try
            {
                redis = await RedisBaseline.ConnectAsync(endpoint, context.NewKey("redis-baseline"));
            }
            catch (RedisConnectionException e)
            {
                failure = e;
            }

            if (redis is null)
            {
                yield return CaseResult.Failed(Name, $"redis {endpoint}", failure ?? new InvalidOperationException("no connection"));
            }
            else
            {
                using (redis)
                {
                    yield return await RunAsync(context, "redis PING (1 client, sequential)", "cmd/s", 1, () => redis.PingAsync(duration, ct), ct);
                    yield return await RunAsync(context, "redis GET 40 B (1 client, sequential)", "cmd/s", 1, () => redis.GetAsync(duration, ct), ct);
                    yield return await RunAsync(context, $"redis GET 40 B pipelined x{RedisBaseline.PipelineDepth}", "cmd/s",
                        RedisBaseline.PipelineDepth, () => redis.PipelinedGetAsync(duration, ct), ct);
                    foreach (var size in context.Options.FrameSizesMiB)
                    {
                        yield return await RunAsync(context, $"redis SET then GET {size} MiB (1 client)", "pairs/s", 1,
                            () => redis.SetThenGetAsync(size * 1024 * 1024, duration, ct), ct);
                    }
                }
            }
        }
        else
        {
            context.Progress("baselines: no Redis endpoint (use --start redis, or --redis HOST:PORT with --url); Redis baselines skipped");
        }

        await using var kestrel = await KestrelEchoServer.StartAsync(ct);
        foreach (var size in context.Options.FrameSizesMiB)
        {
            var bytes = size * 1024 * 1024;
            foreach (var clients in context.Options.FrameSubscribers)
            {
                yield return await context.RunCaseAsync(Name, $"kestrel ws echo {size} MiB C={clients}", async _ =>
                {
                    var load = await WebSocketBaseline.EchoAsync(kestrel.BaseUri, clients, bytes, duration, ct);
                    return Row($"kestrel ws echo {size} MiB C={clients}", load, "round trips/s", 1) with
                    {
                        MegabytesPerSecond = load.Ok * (double)bytes / load.ElapsedSeconds / 1e6,
                    };
                }, ct) with { Server = null };
            }
        }

        foreach (var size in context.Options.FrameSizesMiB)
        {
            var bytes = size * 1024 * 1024;
            foreach (var clients in context.Options.FrameSubscribers)
            {
                yield return await context.RunCaseAsync(Name, $"kestrel ws push {size} MiB C={clients}", async _ =>
                {
                    var (load, received) = await WebSocketBaseline.PushAsync(kestrel.BaseUri, clients, bytes, duration, ct);
                    return Row($"kestrel ws push {size} MiB C={clients}", load, "frames/s", 1) with
                    {
                        MegabytesPerSecond = received / load.ElapsedSeconds / 1e6,
                        Notes = "latency = frame stamp (before SendAsync) to receipt",
                    };
                }, ct) with { Server = null };
            }
        }
    }

    private async Task<CaseResult> RunAsync(ScenarioContext context, string parameters, string unit, int perOperation,
        Func<Task<LoadResult>> run, CancellationToken ct) =>
        await context.RunCaseAsync(Name, parameters, async _ => Row(parameters, await run(), unit, perOperation), ct) with { Server = null };

    private CaseResult Row(string parameters, LoadResult load, string unit, int perOperation) => new()
    {
        Scenario = Name,
        Parameters = parameters,
        Operations = load.Ok * perOperation,
        ElapsedSeconds = load.ElapsedSeconds,
        Throughput = load.Ok * perOperation / load.ElapsedSeconds,
        ThroughputUnit = unit,
        Latency = load.Latency.Summary(),
        Errors = load.Failed,
    };
}
