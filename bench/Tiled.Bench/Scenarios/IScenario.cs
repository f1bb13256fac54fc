using Tiled.Bench.Measure;

namespace Tiled.Bench.Scenarios;

/// <summary>A named group of cases; each case yields one row. Selected on the command line by <see cref="Name"/>.</summary>
internal interface IScenario
{
    string Name { get; }

    IAsyncEnumerable<CaseResult> RunAsync(ScenarioContext context, CancellationToken ct);
}
