using Tiled.Bench.Measure;
using Tiled.Bench.Wire;

namespace Tiled.Bench.Scenarios;

/// <summary>
/// A short unreported mix of every request the scenarios make (create, PUT persisted and not, reads,
/// a subscription), so that the first case does not measure the server's JIT and cold caches.
/// </summary>
internal static class Warmup
{
    public static async Task RunAsync(ScenarioContext context, CancellationToken ct)
    {
        var duration = context.Options.Warmup;
        if (duration <= TimeSpan.Zero)
        {
            return;
        }

        context.Progress($"warm-up {duration.TotalSeconds:0.#} s (not reported)");
        var key = context.NewKey("warmup");
        await context.Http.CreateArrayAsync(key, ArrayType.Int64, [5], ct);
        var (subscribers, _, _) = await StreamSubscriber.ConnectManyAsync(context.Target, key, 4, 0, 4, ct);
        try
        {
            var scratch = Enumerable.Range(0, 4).Select(_ => new byte[64 * 1024]).ToArray();
            await LoadLoop.ClosedAsync(4, duration, null, async (worker, index, token) =>
            {
                if (worker == 3)
                {
                    return (await context.Http.GetAsync($"array/full/{key}?slice=1:4", "application/octet-stream", scratch[worker], token)).Status == 200
                        && (await context.Http.GetAsync($"metadata/{key}", "application/json", scratch[worker], token)).Status == 200;
                }

                var payload = Payloads.Create(5 * sizeof(long));
                Payloads.Stamp(payload, index);
                return await context.Http.PutArrayAsync(key, payload, persist: index % 2 == 0, token) == 200;
            }, ct);
        }
        finally
        {
            await ScenarioContext.CloseAllAsync(subscribers);
        }
    }
}
