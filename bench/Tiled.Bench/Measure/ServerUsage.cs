using System.Text.Json.Serialization;

namespace Tiled.Bench.Measure;

/// <summary>
/// What the server process used during one case (RSS in MiB, CPU as cores busy on average), and the
/// CPU of the bench process itself: on a small machine the load generator competes with the server.
/// </summary>
internal sealed record ServerUsage(
    [property: JsonPropertyName("rss_max_mib")] double? RssMaxMiB,
    [property: JsonPropertyName("rss_end_mib")] double? RssEndMiB,
    double? CpuCores,
    long? LogLines,
    IReadOnlyList<RssSample>? RssSeries,
    double? BenchCpuCores);
