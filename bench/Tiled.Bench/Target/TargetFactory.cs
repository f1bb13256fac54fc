using System.Globalization;
using Tiled.Bench.Cli;

namespace Tiled.Bench.Target;

/// <summary>Builds the <see cref="BenchTarget"/> from the options: a running server, or one started as a child process.</summary>
internal static class TargetFactory
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    public static async Task<BenchTarget> CreateAsync(BenchOptions options, CancellationToken ct)
    {
        if (options.Url is { } url)
        {
            if (options.Start is not null)
            {
                throw new ArgumentException("Give either --url or --start, not both.");
            }

            // Only an explicit --redis: the test services' Redis in the environment need not be this server's.
            var redisOption = options.Redis is null ? null : ServiceEnvironment.RedisEndpoint(options.Redis);
            return new BenchTarget([url], options.ApiKey, "external", options.ServerPid, redisOption, [], null) { Deflate = options.Deflate };
        }

        if (options.Start is null)
        {
            throw new ArgumentException("Give --url URL --api-key KEY, or --start memory|redis.");
        }

        if (options.Processes != 1 && options.Start != "redis")
        {
            throw new ArgumentException("--processes N needs --start redis: only a shared PostgreSQL catalog and Redis can be served by several processes.");
        }

        var dll = options.ServerDll ?? FindServerDll();
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"No server at {dll}: run `dotnet build src/Tiled.Api -c Release` first, or pass --server-dll.");
        }

        var common = new List<string>();
        var catalog = new List<string> { "serve", "catalog" };
        string? redis = null;
        string? ownedDirectory = null;
        if (options.Start == "redis")
        {
            var postgres = ServiceEnvironment.PostgresUri(options.Postgres)
                ?? throw new ArgumentException("--start redis needs PostgreSQL: --postgres, TILED_BENCH_POSTGRES or TILED_TEST_POSTGRES.");
            redis = ServiceEnvironment.RedisEndpoint(options.Redis)
                ?? throw new ArgumentException("--start redis needs Redis: --redis, TILED_BENCH_REDIS or TILED_TEST_REDIS.");
            ownedDirectory = Directory.CreateTempSubdirectory("tiled-bench-").FullName;
            catalog.AddRange([postgres, "--write-storage", ownedDirectory]);
            common.AddRange(["--cache", $"redis://{redis}"]);
        }
        else
        {
            catalog.Add("--temp");
        }

        common.AddRange(["--api-key", options.ApiKey, "--host", "127.0.0.1"]);
        if (options.CacheDataTtlSeconds > 0)
        {
            common.AddRange(["--cache-data-ttl", options.CacheDataTtlSeconds.ToString(CultureInfo.InvariantCulture)]);
        }

        if (options.StreamInlineLimit is { } inlineLimit)
        {
            common.AddRange(["--stream-inline-limit", inlineLimit.ToString(CultureInfo.InvariantCulture)]);
        }

        // The first process creates (or upgrades) the schema with --init; the others start once it answers,
        // each on its own port, against the same catalog, write storage and Redis.
        var processes = new List<ServerProcess>();
        var urls = new List<Uri>();
        try
        {
            for (var i = 0; i < options.Processes; i++)
            {
                var port = FreePort.Next();
                var init = i == 0 && options.Start == "redis" ? new[] { "--init" } : [];
                List<string> arguments = [.. catalog, .. init, .. common, "--port", port.ToString(CultureInfo.InvariantCulture)];
                var process = ServerProcess.Start(dll, arguments, options.ServerLog);
                processes.Add(process);
                urls.Add(new Uri($"http://127.0.0.1:{port}/"));
                await process.WaitUntilReadyAsync(urls[i], StartTimeout, ct);
            }
        }
        catch
        {
            await new BenchTarget(urls, options.ApiKey, options.Start, null, redis, processes, ownedDirectory).DisposeAsync();
            throw;
        }

        return new BenchTarget(urls, options.ApiKey, options.Start, processes[0].Pid, redis, processes, ownedDirectory) { Deflate = options.Deflate };
    }

    /// <summary>src/Tiled.Api/bin/Release/net10.0/tiled.dll under the repository root.</summary>
    private static string FindServerDll() =>
        Path.Combine(RepositoryRoot() ?? "", "src", "Tiled.Api", "bin", "Release", "net10.0", "tiled.dll");

    /// <summary>The first directory upwards (from the working directory, then from the tool) that holds Tiled.sln.</summary>
    public static string? RepositoryRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Tiled.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }
}
