using System.Runtime.CompilerServices;
using Tiled.Bench.Measure;
using Tiled.Bench.Wire;

namespace Tiled.Bench.Scenarios;

/// <summary>
/// W writers PUT a 5×float64 array (40 bytes) as fast as the server answers, all to one node or each
/// to its own, persisted or not. Reports writes/s and the PUT latency. Nobody subscribes. With
/// <c>--processes N</c> writer w sends to process w mod N.
/// </summary>
internal sealed class SmallWritesScenario : IScenario
{
    private const int Elements = 5;

    public string Name => "small-writes";

    public async IAsyncEnumerable<CaseResult> RunAsync(ScenarioContext context, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var writers in context.Options.Writers)
        {
            foreach (var nodes in writers == 1 ? new[] { 1 } : [1, writers])
            {
                foreach (var persist in context.Options.Persist)
                {
                    var parameters = $"W={writers} nodes={nodes} persist={persist.ToString().ToLowerInvariant()}";
                    yield return await context.RunCaseAsync(Name, parameters, _ => RunCaseAsync(context, parameters, writers, nodes, persist, ct), ct);
                }
            }
        }
    }

    private async Task<CaseResult> RunCaseAsync(ScenarioContext context, string parameters, int writers, int nodes, bool persist, CancellationToken ct)
    {
        var keys = new string[nodes];
        for (var i = 0; i < nodes; i++)
        {
            keys[i] = context.NewKey(Name);
            await context.Http.CreateArrayAsync(keys[i], ArrayType.Float64, [Elements], ct);
        }

        var payloads = Enumerable.Range(0, writers).Select(_ => Payloads.Create(Elements * sizeof(double))).ToArray();
        var load = await LoadLoop.ClosedAsync(writers, context.Options.Duration, null, async (worker, index, token) =>
        {
            Payloads.Stamp(payloads[worker], index);
            return await context.Http.PutArrayAsync(keys[worker % nodes], payloads[worker], persist, token, writer: worker) == 200;
        }, ct);
        return new CaseResult
        {
            Scenario = Name,
            Parameters = parameters,
            Operations = load.Ok,
            ElapsedSeconds = load.ElapsedSeconds,
            Throughput = load.OkPerSecond,
            ThroughputUnit = "writes/s",
            Latency = load.Latency.Summary(),
            Errors = load.Failed,
        };
    }
}
