using System.Runtime.InteropServices;
using Tiled.Bench.Cli;
using Tiled.Bench.Measure;
using Tiled.Bench.Report;
using Tiled.Bench.Scenarios;
using Tiled.Bench.Target;
using Tiled.Bench.Wire;

namespace Tiled.Bench;

/// <summary>
/// The load tool: <c>dotnet run -c Release --project bench/Tiled.Bench -- [scenario ...] [options]</c>.
/// Speaks only the wire protocol (HTTP + msgpack WebSocket), so it can measure any Tiled server.
/// Prints a Markdown table on stdout (progress on stderr) and writes the same as JSON.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        BenchOptions options;
        IReadOnlyList<IScenario> scenarios;
        try
        {
            options = OptionParser.Parse(args);
            scenarios = ScenarioCatalog.Select(options.Scenarios);
        }
        catch (Exception e) when (e is ArgumentException or UriFormatException)
        {
            await Console.Error.WriteLineAsync(e.Message + "\n\n" + OptionParser.Usage);
            return 2;
        }

        if (options.Help)
        {
            Console.WriteLine(OptionParser.Usage);
            return 0;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        if (options.StartModes.Count == 0)
        {
            return await RunAsync(options, scenarios, cancel.Token);
        }

        foreach (var mode in options.StartModes)
        {
            var code = await RunAsync(options.ForMode(mode), scenarios, cancel.Token);
            if (code != 0 || cancel.IsCancellationRequested)
            {
                return code;
            }
        }

        return 0;
    }

    /// <summary>One run against one target: every selected scenario, then the reports.</summary>
    private static async Task<int> RunAsync(BenchOptions options, IReadOnlyList<IScenario> scenarios, CancellationToken ct)
    {
        BenchTarget target;
        try
        {
            target = await TargetFactory.CreateAsync(options, ct);
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException or TimeoutException)
        {
            await Console.Error.WriteLineAsync("Cannot reach or start the server: " + e.Message);
            return 1;
        }

        var results = new List<CaseResult>();
        var run = new RunInfo(target.BaseUrl.ToString(), target.Mode, target.Pid, Environment.ProcessorCount,
            RuntimeInformation.OSDescription, Environment.Version.ToString(), DateTime.UtcNow, options.Duration.TotalSeconds,
            ServerProbe.LoadAverage());
        await using (target)
        {
            using var http = new TiledHttp(target);
            var context = new ScenarioContext(options, target, http, Console.Error);
            context.Progress($"Target {string.Join(", ", target.BaseUrls)} ({target.Mode}{(target.Pids.Count > 0 ? $", pid {string.Join(", ", target.Pids)}" : "")}); scenarios: {string.Join(", ", scenarios.Select(s => s.Name))}");
            try
            {
                await Warmup.RunAsync(context, ct);
                foreach (var scenario in scenarios)
                {
                    await foreach (var result in scenario.RunAsync(context, ct))
                    {
                        results.Add(result);
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                context.Progress("Cancelled; reporting what finished.");
            }
            catch (HttpRequestException e)
            {
                context.Progress($"Stopped: {e.Message}\n{target.ServerLastLines()}");
                results.Add(CaseResult.Failed("setup", "", e));
            }
        }

        Console.WriteLine(MarkdownReport.Render(run, results));
        await JsonReport.WriteAsync(options.JsonPath, run, options, results, CancellationToken.None);
        if (options.MarkdownPath is { } markdown)
        {
            await File.WriteAllTextAsync(markdown, MarkdownReport.Render(run, results), CancellationToken.None);
        }

        await Console.Error.WriteLineAsync($"Wrote {Path.GetFullPath(options.JsonPath)}");
        return 0;
    }
}
