using System.Text.Json.Serialization;

namespace Tiled.Bench.Measure;

/// <summary>
/// What the server process used during one case (RSS in MiB, CPU as cores busy on average), and the
/// CPU of the bench process itself and the machine's 1-minute load average at the end: on a small or
/// shared machine the load generator and other work compete with the server, and these tell.
/// </summary>
internal sealed record ServerUsage(
    [property: JsonPropertyName("rss_max_mib")] double? RssMaxMiB,
    [property: JsonPropertyName("rss_end_mib")] double? RssEndMiB,
    double? CpuCores,
    double? CpuSeconds,
    long? LogLines,
    IReadOnlyList<RssSample>? RssSeries,
    double? BenchCpuCores,
    double? MachineLoadAverage);
