using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Tiled.IntegrationTests.Infrastructure;
using Tiled.IntegrationTests.Persistence;
using Tiled.IntegrationTests.Streaming;
using Xunit;

namespace Tiled.IntegrationTests.ScaleOut;

/// <summary>
/// Several real server processes (<c>tiled serve catalog</c>) on one fresh PostgreSQL catalog, one
/// write-storage directory and one Redis: the scale-out deployment the README describes. The first
/// process creates the schema (<c>--init</c>); the others start on it. A process can be killed
/// with SIGKILL and started again on the same port.
/// </summary>
public sealed class ServerCluster : IAsyncLifetime
{
    public const int Size = 3;

    private readonly PostgresCatalogDatabase _database = new();
    private readonly Process?[] _processes = new Process?[Size];
    private readonly int[] _ports = new int[Size];
    private string _databaseUri = "";
    private string _redisUri = "";
    private int _redisDatabase;

    public string StorageDirectory { get; } = Directory.CreateTempSubdirectory("tiled-cluster-").FullName;

    public string? UnavailableReason { get; private set; }

    /// <summary>One HTTP client per process, each sending the API key.</summary>
    public HttpClient[] Clients { get; } = Enumerable.Range(0, Size).Select(_ => new HttpClient { Timeout = TimeSpan.FromSeconds(60) }).ToArray();

    /// <summary>The catalog's database URI, for the <c>tiled</c> admin commands.</summary>
    public string DatabaseUri => _databaseUri;

    public string BaseUrl(int process) => $"http://127.0.0.1:{_ports[process]}";

    /// <summary>The catalog id of the node at <paramref name="path"/>, read from the database.</summary>
    public async Task<long> NodeIdAsync(string path) =>
        (long)(await _database.ExecuteAsync($"SELECT id FROM nodes WHERE path = '{path.Replace("'", "''", StringComparison.Ordinal)}'"))!;

    /// <summary>The cluster catalog's keys in its Redis database (other runs may share the database).</summary>
    public async Task<List<string>> RedisKeysAsync()
    {
        var catalogId = (Guid)(await _database.ExecuteAsync("SELECT id FROM catalog_identity"))!;
        using var redis = await RedisStreamCacheTestServer.ConnectDirectlyAsync();
        var server = redis.GetServer(redis.GetEndPoints().Single());
        return server.Keys(_redisDatabase, $"*{catalogId:D}:*").Select(k => k.ToString()).ToList();
    }

    public async Task InitializeAsync()
    {
        var redis = TestServices.RedisAddress;
        await _database.InitializeAsync();
        UnavailableReason = _database.UnavailableReason ?? (string.IsNullOrWhiteSpace(redis) ? "TILED_TEST_REDIS is not set" : null);
        if (UnavailableReason is not null)
        {
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            {
                throw new InvalidOperationException($"A test service is unavailable: {UnavailableReason} (CI is set).");
            }

            return;
        }

        _databaseUri = PostgresUris.From(_database.ConnectionString);
        // A database of its own: runs sharing one Redis must not meet (the catalog identity also keeps them apart).
        _redisDatabase = Random.Shared.Next(1, 16);
        _redisUri = $"redis://{redis}/{_redisDatabase}";
        for (var i = 0; i < Size; i++)
        {
            _ports[i] = FreePort();
            Clients[i].BaseAddress = new Uri(BaseUrl(i));
            Clients[i].DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Apikey", TiledServerFixture.ApiKey);
            await StartAsync(i, init: i == 0);
        }
    }

    /// <summary>Ends process <paramref name="index"/> at once, as a crash or the OOM killer would.</summary>
    public void Kill(int index)
    {
        var process = _processes[index] ?? throw new InvalidOperationException($"Process {index} is not running.");
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        process.Dispose();
        _processes[index] = null;
    }

    /// <summary>Starts process <paramref name="index"/> on its port and waits until it answers.</summary>
    public async Task StartAsync(int index, bool init = false)
    {
        var arguments = new List<string>
        {
            Path.Combine(AppContext.BaseDirectory, "tiled.dll"), "serve", "catalog", _databaseUri,
            "--write-storage", StorageDirectory, "--cache", _redisUri, "--api-key", TiledServerFixture.ApiKey,
            "--port", _ports[index].ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (init)
        {
            arguments.Add("--init");
        }

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        arguments.ForEach(start.ArgumentList.Add);
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes[index] = process;
        await WaitUntilAnsweringAsync(index, process);
    }

    public async Task DisposeAsync()
    {
        for (var i = 0; i < Size; i++)
        {
            if (_processes[i] is not null)
            {
                Kill(i);
            }

            Clients[i].Dispose();
        }

        await _database.DisposeAsync();
        Directory.Delete(StorageDirectory, recursive: true);
    }

    private async Task WaitUntilAnsweringAsync(int index, Process process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Server process {index} exited with {process.ExitCode} while starting.");
            }

            try
            {
                using var response = await Clients[index].GetAsync("/api/v1/");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Server process {index} did not answer within 60 s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
