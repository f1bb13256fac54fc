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
            return new BenchTarget(url, options.ApiKey, "external", options.ServerPid, redisOption, null, null);
        }

        if (options.Start is null)
        {
            throw new ArgumentException("Give --url URL --api-key KEY, or --start memory|redis.");
        }

        var dll = options.ServerDll ?? FindServerDll();
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"No server at {dll}: run `dotnet build src/Tiled.Api -c Release` first, or pass --server-dll.");
        }

        var port = FreePort.Next();
        var arguments = new List<string> { "serve", "catalog" };
        string? redis = null;
        string? ownedDirectory = null;
        if (options.Start == "redis")
        {
            var postgres = ServiceEnvironment.PostgresUri(options.Postgres)
                ?? throw new ArgumentException("--start redis needs PostgreSQL: --postgres, TILED_BENCH_POSTGRES or TILED_TEST_POSTGRES.");
            redis = ServiceEnvironment.RedisEndpoint(options.Redis)
                ?? throw new ArgumentException("--start redis needs Redis: --redis, TILED_BENCH_REDIS or TILED_TEST_REDIS.");
            ownedDirectory = Directory.CreateTempSubdirectory("tiled-bench-").FullName;
            arguments.AddRange([postgres, "--write-storage", ownedDirectory, "--init", "--cache", $"redis://{redis}"]);
        }
        else
        {
            arguments.Add("--temp");
        }

        arguments.AddRange(["--api-key", options.ApiKey, "--port", port.ToString(CultureInfo.InvariantCulture), "--host", "127.0.0.1"]);
        if (options.CacheDataTtlSeconds > 0)
        {
            arguments.AddRange(["--cache-data-ttl", options.CacheDataTtlSeconds.ToString(CultureInfo.InvariantCulture)]);
        }

        var process = ServerProcess.Start(dll, arguments, options.ServerLog);
        var target = new BenchTarget(new Uri($"http://127.0.0.1:{port}/"), options.ApiKey, options.Start, process.Pid, redis, process, ownedDirectory);
        try
        {
            await process.WaitUntilReadyAsync(target.BaseUrl, StartTimeout, ct);
        }
        catch
        {
            await target.DisposeAsync();
            throw;
        }

        return target;
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
