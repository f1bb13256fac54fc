using System.Text.Json;
using System.Text.Json.Serialization;
using Tiled.Bench.Cli;
using Tiled.Bench.Measure;

namespace Tiled.Bench.Report;

/// <summary>The same results as JSON (snake_case), with the run information and the options used.</summary>
internal static class JsonReport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static async Task WriteAsync(string path, RunInfo run, BenchOptions options, IReadOnlyList<CaseResult> results, CancellationToken ct)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        var document = new
        {
            Run = run,
            Options = options with { ApiKey = "(hidden)" },
            Results = results,
            Markdown = MarkdownReport.Render(run, results),
        };
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, document, Json, ct);
    }
}
