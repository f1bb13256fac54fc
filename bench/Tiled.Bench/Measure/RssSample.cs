using System.Text.Json.Serialization;

namespace Tiled.Bench.Measure;

/// <summary>The server's RSS (MiB) <see cref="Seconds"/> after sampling began.</summary>
internal sealed record RssSample(double Seconds, [property: JsonPropertyName("rss_mib")] double RssMiB);
