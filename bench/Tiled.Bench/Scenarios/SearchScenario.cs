using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Tiled.Bench.Measure;

namespace Tiled.Bench.Scenarios;

/// <summary>
/// One container with <c>--search-children</c> children (100,000 by default) whose metadata looks like
/// a beamline's run start documents (about 35 keys, nested), then one client searching as fast as
/// answered: equality on a nested key (100 matches per 100,000), a full-text word (as many) and a
/// page of 100 of all children sorted by a metadata key. Latency per request.
/// </summary>
internal sealed class SearchScenario : IScenario
{
    private const int CreateParallelism = 16;

    private static readonly string[] Plans = ["count", "scan", "rel_scan", "grid_scan", "list_scan", "fly_scan", "tune", "adaptive_scan"];
    private static readonly string[] Elements = ["Ni", "Cu", "Fe", "Co", "Zn", "Mn", "Ti", "Cr", "Pt", "Au", "Ag", "Pd"];
    private static readonly string[] Operators = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"];

    public string Name => "search";

    public async IAsyncEnumerable<CaseResult> RunAsync(ScenarioContext context, [EnumeratorCancellation] CancellationToken ct)
    {
        var parent = context.NewKey(Name);
        if (await context.Http.CreateContainerAsync("", parent, [], ct) != 200)
        {
            throw new HttpRequestException("Creating the search container failed.");
        }

        var children = context.Options.SearchChildren;
        context.Progress($"search: creating {children} children");
        var failed = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, children), new ParallelOptions { MaxDegreeOfParallelism = CreateParallelism, CancellationToken = ct },
            async (i, token) =>
            {
                if (await context.Http.CreateContainerAsync(parent, $"run{i:D6}", Metadata(i), token) != 200)
                {
                    Interlocked.Increment(ref failed);
                }
            });
        if (failed > 0)
        {
            throw new HttpRequestException($"{failed} of {children} children could not be created.");
        }

        var matches = Math.Max(1, children / 1000);
        (string Name, string Query)[] cases =
        [
            ($"eq sample.name ({matches} of {children})", "filter[eq][condition][key]=sample.name&filter[eq][condition][value]=%22sample-42%22&page[limit]=100"),
            ($"fulltext one word ({matches} of {children})", "filter[fulltext][condition][text]=kapton42&page[limit]=100"),
            ($"sort=-time page of 100 (of {children})", "sort=-time&page[limit]=100"),
        ];
        foreach (var (name, query) in cases)
        {
            yield return await context.RunCaseAsync(Name, name, _ => RunCaseAsync(context, name, $"search/{parent}?{query}", ct), ct);
        }
    }

    private async Task<CaseResult> RunCaseAsync(ScenarioContext context, string parameters, string path, CancellationToken ct)
    {
        var scratch = new byte[1024 * 1024];
        var load = await LoadLoop.ClosedAsync(1, context.Options.Duration, null, async (_, _, token) =>
        {
            var (code, _) = await context.Http.GetAsync(path, "application/json", scratch, token);
            return code == 200;
        }, ct);
        return new CaseResult
        {
            Scenario = Name,
            Parameters = parameters,
            Operations = load.Ok,
            ElapsedSeconds = load.ElapsedSeconds,
            Throughput = load.OkPerSecond,
            ThroughputUnit = "req/s",
            Latency = load.Latency.Summary(),
            Errors = load.Failed,
        };
    }

    /// <summary>A run start document: nested, about 35 keys, values repeating at several rates.</summary>
    private static JsonObject Metadata(int i) => new()
    {
        ["scan_id"] = i,
        ["uid"] = Guid.NewGuid().ToString(),
        ["time"] = 1_700_000_000.0 + (i * 37 % 100_003),
        ["plan_name"] = Plans[i % Plans.Length],
        ["plan_type"] = "generator",
        ["operator"] = Operators[i % Operators.Length],
        ["num_points"] = (i % 50) + 1,
        ["exit_status"] = i % 97 == 0 ? "abort" : "success",
        ["purpose"] = i % 3 == 0 ? "alignment" : "measurement",
        ["detectors"] = new JsonArray($"det{i % 7}", $"det{(i + 1) % 7}"),
        ["motors"] = new JsonArray("sample_x", "sample_y"),
        ["hints"] = new JsonObject { ["dimensions"] = new JsonArray(new JsonArray(new JsonArray("sample_x"), "primary")) },
        ["sample"] = new JsonObject
        {
            ["name"] = $"sample-{i % 1000}",
            ["composition"] = Elements[i % Elements.Length],
            ["temperature"] = 273.15 + (i % 100),
            ["holder"] = new JsonObject { ["slot"] = i % 24, ["kind"] = "kapton tape" },
        },
        ["proposal"] = new JsonObject
        {
            ["id"] = 300_000 + (i % 500),
            ["title"] = $"Operando studies of {Elements[i % Elements.Length]} catalysts",
            ["pi"] = Operators[(i / 3) % Operators.Length],
            ["cycle"] = $"2026-{(i % 3) + 1}",
        },
        ["beamline"] = new JsonObject
        {
            ["name"] = "ISS",
            ["energy_ev"] = 8000 + (i % 40 * 10),
            ["ring_current_ma"] = 400.0 - (i % 20 * 0.5),
            ["mono"] = new JsonObject { ["crystal"] = "Si(111)", ["offset"] = 0.0012 },
        },
        ["notes"] = $"scan {i} on kapton{i % 1000} with {Elements[i % Elements.Length]} foil, beam stable",
        ["tags"] = new JsonArray("xas", i % 2 == 0 ? "even" : "odd"),
        ["versions"] = new JsonObject { ["bluesky"] = "1.13.0", ["ophyd"] = "1.9.0", ["tiled"] = "0.2.16" },
    };
}
