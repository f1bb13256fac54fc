using System.Runtime.CompilerServices;
using Tiled.Bench.Measure;
using Tiled.Bench.Wire;

namespace Tiled.Bench.Scenarios;

/// <summary>
/// C clients read one 1024×1024 float64 node (8 MiB, one chunk) as fast as the server answers: its
/// metadata, the whole block, a 512×512 box and every other element (a strided 512×512); and, as the
/// floor of the HTTP stack, <c>GET /api/v1/</c>, which touches no catalog. Reports
/// requests/s, MB/s of body and the request latency.
/// </summary>
internal sealed class ReadsScenario : IScenario
{
    private const int Side = 1024;

    private static readonly (string Name, string Accept, Func<string, string> Path)[] Reads =
    [
        ("about (no catalog)", "application/json", _ => ""),
        ("metadata", "application/x-msgpack", key => $"metadata/{key}"),
        ("block 8 MiB", "application/octet-stream", key => $"array/block/{key}?block=0,0"),
        ("slice 256:768,256:768", "application/octet-stream", key => $"array/full/{key}?slice=256:768,256:768"),
        ("slice ::2,::2", "application/octet-stream", key => $"array/full/{key}?slice=::2,::2"),
    ];

    public string Name => "reads";

    public async IAsyncEnumerable<CaseResult> RunAsync(ScenarioContext context, [EnumeratorCancellation] CancellationToken ct)
    {
        var key = context.NewKey(Name);
        await context.Http.CreateArrayAsync(key, ArrayType.Float64, [Side, Side], ct);
        var status = await context.Http.PutArrayAsync(key, Payloads.Create(Side * Side * sizeof(double)), true, ct);
        if (status != 200)
        {
            throw new HttpRequestException($"Writing the 8 MiB array answered {status}.");
        }

        foreach (var (name, accept, path) in Reads)
        {
            foreach (var clients in context.Options.ReadClients)
            {
                var parameters = $"{name} C={clients}";
                yield return await context.RunCaseAsync(Name, parameters, _ => RunCaseAsync(context, parameters, path(key), accept, clients, ct), ct);
            }
        }
    }

    private Task<CaseResult> RunCaseAsync(ScenarioContext context, string parameters, string path, string accept, int clients, CancellationToken ct) =>
        RunReadsAsync(context, Name, parameters, path, accept, clients, "req/s", ct);

    /// <summary>C clients GET <paramref name="path"/> as fast as the server answers for <c>--duration</c>.</summary>
    internal static async Task<CaseResult> RunReadsAsync(
        ScenarioContext context, string scenario, string parameters, string path, string accept, int clients, string unit, CancellationToken ct)
    {
        var scratch = Enumerable.Range(0, clients).Select(_ => new byte[256 * 1024]).ToArray();
        long bytes = 0;
        var load = await LoadLoop.ClosedAsync(clients, context.Options.Duration, null, async (worker, _, token) =>
        {
            var (code, length) = await context.Http.GetAsync(path, accept, scratch[worker], token);
            Interlocked.Add(ref bytes, length);
            return code == 200;
        }, ct);
        return new CaseResult
        {
            Scenario = scenario,
            Parameters = parameters,
            Operations = load.Ok,
            ElapsedSeconds = load.ElapsedSeconds,
            Throughput = load.OkPerSecond,
            ThroughputUnit = unit,
            MegabytesPerSecond = bytes / load.ElapsedSeconds / 1e6,
            Latency = load.Latency.Summary(),
            Errors = load.Failed,
            Details = { ["bytes_per_response"] = load.Ok + load.Failed > 0 ? bytes / (load.Ok + load.Failed) : 0 },
        };
    }
}
