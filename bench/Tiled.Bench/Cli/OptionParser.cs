using System.Globalization;

namespace Tiled.Bench.Cli;

/// <summary>Parses <c>[scenario ...] [--name value | --name=value ...]</c>; lists are comma-separated.</summary>
internal static class OptionParser
{
    public const string Usage = """
        Usage: dotnet run -c Release --project bench/Tiled.Bench -- [SCENARIO ...] [OPTIONS]

        Scenarios: small-writes, latency, large-frames, replay, reads, idle-subscribers, baselines, slow-subscriber, all (default)

        Target (one of):
          --url URL --api-key KEY [--server-pid PID]   a running server (PID: to read its RSS and CPU)
          --start memory                                start `dotnet tiled.dll serve catalog --temp` as a child process
          --start redis                                 same with a PostgreSQL catalog and --cache redis://...
          --start memory,redis                          both, one after the other ({mode} in --json/--markdown names the files)
              --postgres URI      postgresql://... or Npgsql connection string (env TILED_BENCH_POSTGRES, TILED_TEST_POSTGRES)
              --redis HOST:PORT   (env TILED_BENCH_REDIS, TILED_TEST_REDIS); also enables the Redis baselines with --url
          --processes N           with --start redis: N server processes on the same catalog, write storage and Redis
                                  (the first with --init, each on its own port); small-writes and latency spread their
                                  writes round-robin over them, subscribers stay on the first (default 1)
          --server-dll PATH       default src/Tiled.Api/bin/Release/net10.0/tiled.dll (build it with -c Release first)
          --cache-data-ttl N      given to a started server (default 120; 0 = the server's default)
          --stream-inline-limit N given to a started server when set (0 = large persisted frames inline, not by reference)
          --server-log PATH       append the started server's output to PATH

        Sizes (lists are comma-separated):
          --duration 5s           length of each timed case (ms, s, m; a bare number is seconds)
          --warmup 30s            unreported load before the first case (0 to skip)
          --drain-timeout 15s     wait for subscribers to catch up after the writer stops
          --writers 1,4,16        small-writes concurrency
          --rates 100,1000,5000   latency writer rates (writes/s)
          --subscribers 1,10,100,1000
          --max-in-flight 16      requests the paced writer may have outstanding
          --frame-sizes 1,4,16    MiB per frame (square uint32 arrays)
          --frame-subscribers 1,10
          --persist both          both | true | false (small-writes, large-frames; latency, idle-subscribers use the first)
          --replay-count 10000
          --search-children 100000  children (a few dozen nested metadata keys each) the search scenario creates
          --idle-subscribers 1000 subscribers idle for --duration, then one write
          --read-clients 1,16
          --slow-duration 10s  --slow-frame-size 1  --rss-interval 500ms
          --deflate false         subscribers offer permessage-deflate (the server compresses JSON and binary <= 64 KiB)

        Output:
          --json PATH             default bench/results/latest.json ({mode} becomes memory or redis)
          --markdown PATH         also write the table to PATH
        """;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        var scenarios = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                scenarios.AddRange(arg.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                continue;
            }

            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? arg[2..] : arg[2..eq];
            if (name is "help" or "h")
            {
                options = options with { Help = true };
                continue;
            }

            string value;
            if (eq >= 0)
            {
                value = arg[(eq + 1)..];
            }
            else if (i + 1 < args.Count)
            {
                value = args[++i];
            }
            else
            {
                throw new ArgumentException($"--{name} needs a value.");
            }

            options = Apply(options, name, value);
        }

        return scenarios.Count == 0 ? options : options with { Scenarios = scenarios };
    }

    private static BenchOptions Apply(BenchOptions o, string name, string value) => name switch
    {
        "url" => o with { Url = new Uri(value.TrimEnd('/') + "/") },
        "api-key" => o with { ApiKey = value },
        "server-pid" => o with { ServerPid = Int(value) },
        "start" => o with { StartModes = Modes(value) },
        "processes" => o with { Processes = Int(value) is > 0 and var n ? n : throw new ArgumentException("--processes is a positive integer.") },
        "server-dll" => o with { ServerDll = value },
        "postgres" => o with { Postgres = value },
        "redis" => o with { Redis = value },
        "cache-data-ttl" => o with { CacheDataTtlSeconds = Int(value) },
        "stream-inline-limit" => o with { StreamInlineLimit = Int(value) },
        "server-log" => o with { ServerLog = value },
        "json" => o with { JsonPath = value },
        "markdown" => o with { MarkdownPath = value },
        "duration" => o with { Duration = Duration(value) },
        "warmup" => o with { Warmup = value is "0" ? TimeSpan.Zero : Duration(value) },
        "drain-timeout" => o with { DrainTimeout = Duration(value) },
        "writers" => o with { Writers = Ints(value) },
        "rates" => o with { Rates = Ints(value) },
        "subscribers" => o with { Subscribers = Ints(value) },
        "max-in-flight" => o with { MaxInFlight = Int(value) },
        "frame-sizes" => o with { FrameSizesMiB = Ints(value) },
        "frame-subscribers" => o with { FrameSubscribers = Ints(value) },
        "persist" => o with { Persist = Persist(value) },
        "deflate" => o with { Deflate = value is "true" or "1" },
        "replay-count" => o with { ReplayCount = Int(value) },
        "search-children" => o with { SearchChildren = Int(value) },
        "idle-subscribers" => o with { IdleSubscribers = Int(value) },
        "read-clients" => o with { ReadClients = Ints(value) },
        "slow-duration" => o with { SlowDuration = Duration(value) },
        "slow-frame-size" => o with { SlowFrameMiB = Int(value) },
        "rss-interval" => o with { RssInterval = Duration(value) },
        _ => throw new ArgumentException($"Unknown option --{name}."),
    };

    public static TimeSpan Duration(string text)
    {
        text = text.Trim();
        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1.0)
            : text.EndsWith('m') ? (text[..^1], 60.0)
            : (text, 1.0);
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0
            ? TimeSpan.FromSeconds(value * unit)
            : throw new ArgumentException($"'{text}' is not a duration (e.g. 500ms, 5s, 2m).");
    }

    private static int Int(string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new ArgumentException($"'{text}' is not a non-negative integer.");

    private static int[] Ints(string text)
    {
        var values = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Int).ToArray();
        return values.Length > 0 && values.All(v => v > 0) ? values : throw new ArgumentException($"'{text}' is not a list of positive integers.");
    }

    private static string[] Modes(string text)
    {
        var modes = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return modes.Length > 0 && modes.All(m => m is "memory" or "redis") && modes.Distinct().Count() == modes.Length
            ? modes
            : throw new ArgumentException("--start is memory, redis or memory,redis.");
    }

    private static bool[] Persist(string text) => text switch
    {
        "both" => [true, false],
        "true" => [true],
        "false" => [false],
        _ => throw new ArgumentException("--persist is both, true or false."),
    };
}
