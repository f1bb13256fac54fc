using System.Text.Json.Serialization;

namespace Tiled.Bench.Cli;

/// <summary>Everything the command line can set; the defaults are the full measurement of the issue.</summary>
internal sealed record BenchOptions
{
    public IReadOnlyList<string> Scenarios { get; init; } = ["all"];

    /// <summary>Target a running server (with <see cref="ApiKey"/>); exclusive with <see cref="Start"/>.</summary>
    public Uri? Url { get; init; }

    public string ApiKey { get; init; } = "benchkey";

    /// <summary>PID of the server behind <see cref="Url"/>, to read its RSS and CPU time (optional).</summary>
    public int? ServerPid { get; init; }

    /// <summary><c>memory</c> or <c>redis</c>: start the server as a child process (one mode per run).</summary>
    public string? Start { get; init; }

    /// <summary>The modes <c>--start</c> named, run one after the other (e.g. <c>memory,redis</c>).</summary>
    public IReadOnlyList<string> StartModes { get; init; } = [];

    /// <summary>Server processes started by <c>--start redis</c> on one catalog, write storage and Redis; writers spread over them round-robin.</summary>
    public int Processes { get; init; } = 1;

    /// <summary>The built server (default: src/Tiled.Api/bin/Release/net10.0/tiled.dll above the working directory).</summary>
    public string? ServerDll { get; init; }

    /// <summary>postgresql:// URI or Npgsql connection string for <c>--start redis</c>.</summary>
    public string? Postgres { get; init; }

    /// <summary>HOST:PORT (or redis://HOST:PORT) of Redis, for <c>--start redis</c> and the Redis baselines.</summary>
    public string? Redis { get; init; }

    /// <summary>Passed to a started server as <c>--cache-data-ttl</c>; bounds what Redis retains of large frames. 0 = the server's default.</summary>
    public int CacheDataTtlSeconds { get; init; } = 120;

    /// <summary>
    /// Passed to a started server as <c>--stream-inline-limit</c> when set (null: not passed, so servers
    /// built before the option start too). 0 streams large persisted frames inline as before.
    /// </summary>
    public int? StreamInlineLimit { get; init; }

    /// <summary>Appends the started server's output to this file.</summary>
    public string? ServerLog { get; init; }

    /// <summary>Default: bench/results/latest.json under the repository root (or the working directory).</summary>
    public string JsonPath { get; init; } = Path.Combine(Target.TargetFactory.RepositoryRoot() ?? "", "bench", "results", "latest.json");

    public string? MarkdownPath { get; init; }

    /// <summary>
    /// The options of one run in <paramref name="mode"/>: <c>{mode}</c> in the output paths becomes
    /// the mode; when several modes run, a path without it gets <c>-mode</c> before its extension.
    /// </summary>
    public BenchOptions ForMode(string mode)
    {
        string PathFor(string path) => path.Contains("{mode}", StringComparison.Ordinal) ? path.Replace("{mode}", mode, StringComparison.Ordinal)
            : StartModes.Count > 1 ? Path.ChangeExtension(path, null) + "-" + mode + Path.GetExtension(path)
            : path;

        return this with { Start = mode, JsonPath = PathFor(JsonPath), MarkdownPath = MarkdownPath is null ? null : PathFor(MarkdownPath) };
    }

    /// <summary>Unreported load before the first case (server JIT, caches); 0 to skip.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long each timed case runs.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long to wait after the writer stops for subscribers to catch up.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(15);

    public IReadOnlyList<int> Writers { get; init; } = [1, 4, 16];

    public IReadOnlyList<int> Rates { get; init; } = [100, 1000, 5000];

    public IReadOnlyList<int> Subscribers { get; init; } = [1, 10, 100, 1000];

    /// <summary>Requests a paced writer may have in flight (so that high rates are reachable over HTTP/1.1).</summary>
    public int MaxInFlight { get; init; } = 16;

    /// <summary>Frame sizes in MiB; each is a square uint32 array (1 → 512×512, 4 → 1024×1024, 16 → 2048×2048).</summary>
    [JsonPropertyName("frame_sizes_mib")]
    public IReadOnlyList<int> FrameSizesMiB { get; init; } = [1, 4, 16];

    public IReadOnlyList<int> FrameSubscribers { get; init; } = [1, 10];

    /// <summary>Which persist variants run where both make sense: true, false, or both.</summary>
    public IReadOnlyList<bool> Persist { get; init; } = [true, false];

    /// <summary>Subscribers that sit idle on one node while the server's RSS is sampled.</summary>
    public int IdleSubscribers { get; init; } = 1000;

    public int ReplayCount { get; init; } = 10_000;

    /// <summary>Children of the container the search scenario queries.</summary>
    public int SearchChildren { get; init; } = 100_000;

    public IReadOnlyList<int> ReadClients { get; init; } = [1, 16];

    public TimeSpan SlowDuration { get; init; } = TimeSpan.FromSeconds(10);

    [JsonPropertyName("slow_frame_mib")]
    public int SlowFrameMiB { get; init; } = 1;

    public TimeSpan RssInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    public bool Help { get; init; }

    /// <summary>Subscribers offer permessage-deflate (<c>--deflate true</c>).</summary>
    public bool Deflate { get; init; }
}
