using System.Globalization;
using System.Text;
using Tiled.Bench.Measure;

namespace Tiled.Bench.Report;

/// <summary>The results as one Markdown table, with a short header naming the target and the machine.</summary>
internal static class MarkdownReport
{
    public static string Render(RunInfo run, IReadOnlyList<CaseResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Target: {run.Target} ({run.Mode}{(run.ServerPid is { } pid ? $", pid {pid}" : "")}); " +
            $"{run.ProcessorCount} CPUs (load average {run.LoadAverageAtStart:0.0} at start), {run.Os}, .NET {run.Runtime}; " +
            $"{run.StartedUtc:yyyy-MM-dd HH:mm} UTC; each timed case {run.DurationSeconds:0.#} s. Latency in ms; RSS in MiB; CPU in cores busy on average.");
        text.AppendLine();
        text.AppendLine("| Scenario | Parameters | Throughput | p50 ms | p95 ms | p99 ms | max ms | Errors | Lost / reordered | Server RSS MiB (max) | Server CPU | Notes |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            var latency = r.Latency;
            text.AppendLine(string.Join(" | ",
                "| " + r.Scenario,
                Cell(r.Parameters),
                ThroughputText(r),
                Ms(latency?.P50),
                Ms(latency?.P95),
                Ms(latency?.P99),
                Ms(latency?.Max),
                r.Errors.ToString(CultureInfo.InvariantCulture),
                r.Lost is null && r.Reordered is null ? "–" : $"{r.Lost ?? 0} / {r.Reordered ?? 0}",
                r.Server?.RssMaxMiB is { } rss ? rss.ToString("0", CultureInfo.InvariantCulture) : "–",
                r.Server?.CpuCores is { } cpu ? cpu.ToString("0.00", CultureInfo.InvariantCulture) : "–",
                Cell(r.Notes) + " |"));
        }

        return text.ToString();
    }

    /// <summary><c>1,234 writes/s → 12,340 msgs/s delivered, 123 MB/s</c></summary>
    public static string ThroughputText(CaseResult r)
    {
        if (r.Operations == 0 && r.Errors > 0)
        {
            return "–";
        }

        var text = $"{Number(r.Throughput)} {r.ThroughputUnit}";
        if (r.DeliveredPerSecond is { } delivered)
        {
            text += $" → {Number(delivered)} msgs/s delivered";
        }

        if (r.MegabytesPerSecond is { } mb)
        {
            text += $", {Number(mb)} MB/s";
        }

        return text;
    }

    private static string Number(double value) => value switch
    {
        >= 100 => value.ToString("#,0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("0.0", CultureInfo.InvariantCulture),
        _ => value.ToString("0.00", CultureInfo.InvariantCulture),
    };

    private static string Ms(double? value) => value switch
    {
        null => "–",
        < 1 => value.Value.ToString("0.000", CultureInfo.InvariantCulture),
        < 100 => value.Value.ToString("0.00", CultureInfo.InvariantCulture),
        _ => value.Value.ToString("#,0", CultureInfo.InvariantCulture),
    };

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
