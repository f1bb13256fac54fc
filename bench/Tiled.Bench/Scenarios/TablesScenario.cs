using System.Runtime.CompilerServices;
using Tiled.Bench.Measure;
using Tiled.Bench.Wire;

namespace Tiled.Bench.Scenarios;

/// <summary>
/// Tables: one client appends 1,000-row Arrow batches (int64, float64, utf8) to a fresh table for
/// <c>--duration</c> (each append rewrites the growing partition, so the rate falls as it grows;
/// rows/s is reported), then C clients read a 100,000-row table whole as Arrow IPC file, Arrow IPC
/// stream and JSON. Reports appends/s or reads/s, MB/s of body and the request latency.
/// </summary>
internal sealed class TablesScenario : IScenario
{
    private const int BatchRows = 1_000;
    private const int ReadRows = 100_000;

    private static readonly (string Name, string Accept)[] Reads =
    [
        ("read arrow file", "application/vnd.apache.arrow.file"),
        ("read arrow stream", "application/vnd.apache.arrow.stream"),
        ("read json", "application/json"),
    ];

    public string Name => "tables";

    public async IAsyncEnumerable<CaseResult> RunAsync(ScenarioContext context, [EnumeratorCancellation] CancellationToken ct)
    {
        var batch = ArrowRows.File(BatchRows);
        yield return await context.RunCaseAsync(Name, $"append {BatchRows} rows", _ => AppendCaseAsync(context, batch, ct), ct);

        var key = context.NewKey(Name);
        await context.Http.CreateTableAsync(key, ArrowRows.SchemaDataUri(), ArrowRows.Columns, ct);
        var status = await context.Http.AppendTableAsync(key, ArrowRows.File(ReadRows), ct);
        if (status != 200)
        {
            throw new HttpRequestException($"Writing the {ReadRows}-row table answered {status}.");
        }

        foreach (var (name, accept) in Reads)
        {
            foreach (var clients in context.Options.ReadClients)
            {
                var parameters = $"{name} {ReadRows} rows C={clients}";
                yield return await context.RunCaseAsync(
                    Name, parameters, _ => ReadsScenario.RunReadsAsync(context, Name, parameters, $"table/full/{key}", accept, clients, "reads/s", ct), ct);
            }
        }
    }

    private async Task<CaseResult> AppendCaseAsync(ScenarioContext context, byte[] batch, CancellationToken ct)
    {
        var key = context.NewKey(Name);
        await context.Http.CreateTableAsync(key, ArrowRows.SchemaDataUri(), ArrowRows.Columns, ct);
        var load = await LoadLoop.ClosedAsync(1, context.Options.Duration, null,
            async (_, _, token) => await context.Http.AppendTableAsync(key, batch, token) == 200, ct);
        return new CaseResult
        {
            Scenario = Name,
            Parameters = $"append {BatchRows} rows",
            Operations = load.Ok,
            ElapsedSeconds = load.ElapsedSeconds,
            Throughput = load.OkPerSecond,
            ThroughputUnit = "appends/s",
            MegabytesPerSecond = load.Ok * (double)batch.Length / load.ElapsedSeconds / 1e6,
            Latency = load.Latency.Summary(),
            Errors = load.Failed,
            Details = { ["rows_at_end"] = load.Ok * BatchRows },
        };
    }
}
