using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Tiled.Api.Hosting;
using Tiled.Client;
using Xunit;

namespace Tiled.IntegrationTests.Infrastructure;

/// <summary>
/// The real server (Kestrel on a free loopback port) over a catalog and stream cache chosen by the
/// subclass, with array storage in a temporary directory. Tests reach it over HTTP and through
/// Tiled.Client. When a service is missing, tests return early outside CI and fail in CI.
/// </summary>
public abstract class TiledServerFixture : IAsyncLifetime
{
    public const string ApiKey = "secret";

    private WebApplication? _app;

    public string TempDirectory { get; } = Directory.CreateTempSubdirectory("tiled-test-").FullName;

    /// <summary>The directory whose files may be registered as external data (<c>--read-storage</c>).</summary>
    public string ExternalDirectory => Path.Combine(TempDirectory, "external");

    /// <summary>e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>An HTTP client that sends <c>Authorization: Apikey secret</c>.</summary>
    public HttpClient Http { get; } = new();

    /// <summary>An HTTP client that sends no credentials.</summary>
    public HttpClient Anonymous { get; } = new();

    /// <summary>Why the fixture could not start (e.g. no PostgreSQL outside CI); tests return early when set.</summary>
    public string? UnavailableReason { get; protected set; }

    /// <summary>The settings the server runs with (tests may start a second process-like server on them).</summary>
    public ServerSettings Settings { get; private set; } = new() { DatabaseUri = "", WriteStorage = "" };

    /// <summary>The running server's services (e.g. its endpoint data source), once started.</summary>
    public IServiceProvider Services => App.Services;

    /// <summary>The running server, once started.</summary>
    public WebApplication App => _app ?? throw new InvalidOperationException("The server is not started.");

    protected virtual bool Public => false;

    /// <summary>The stream cache: null for the in-memory cache, or a Redis URI.</summary>
    protected virtual string? CacheUri => null;

    /// <summary>Stream cache retention, for TTL tests.</summary>
    protected virtual (int? DataTtl, int? SeqTtl) CacheTtls => (null, null);

    public async Task InitializeAsync()
    {
        var databaseUri = await DatabaseUriAsync();
        if (UnavailableReason is not null || databaseUri is null)
        {
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            {
                throw new InvalidOperationException($"A test service is unavailable: {UnavailableReason} (CI is set).");
            }

            return;
        }

        Settings = new ServerSettings
        {
            Port = 0,
            ApiKey = ApiKey,
            Public = Public,
            DatabaseUri = databaseUri,
            WriteStorage = Path.Combine(TempDirectory, "data"),
            ReadStorage = [Directory.CreateDirectory(ExternalDirectory).FullName],
            InitIfNotExists = true,
            CacheUri = CacheUri,
            CacheKeyPrefix = $"test-{Guid.NewGuid():N}:",
            CacheDataTtlSeconds = CacheTtls.DataTtl,
            CacheSeqTtlSeconds = CacheTtls.SeqTtl,
        };
        Settings = Adjust(Settings);
        _app = await TiledServer.BuildAsync(Settings);
        await _app.StartAsync();
        BaseUrl = TiledServer.BoundAddress(_app).TrimEnd('/');
        Http.BaseAddress = new Uri(BaseUrl);
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Apikey", ApiKey);
        Anonymous.BaseAddress = new Uri(BaseUrl);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Http.Dispose();
        Anonymous.Dispose();
        await DisposeDatabaseAsync();
        Directory.Delete(TempDirectory, recursive: true);
    }

    public Task<ContainerClient> ConnectAsync() => TiledClient.ConnectAsync(new Uri(BaseUrl), ApiKey);

    /// <summary>The catalog URI, or null (with <see cref="UnavailableReason"/> set) when it cannot be had.</summary>
    protected abstract Task<string?> DatabaseUriAsync();

    protected virtual Task DisposeDatabaseAsync() => Task.CompletedTask;

    /// <summary>Lets a fixture change the settings (timeouts, limits) before the server is built.</summary>
    protected virtual ServerSettings Adjust(ServerSettings settings) => settings;

    /// <summary>The Redis URI from <c>TILED_TEST_REDIS</c>, or null with <see cref="UnavailableReason"/> set.</summary>
    protected string? TestRedisUri()
    {
        var address = TestServices.RedisAddress;
        if (string.IsNullOrWhiteSpace(address))
        {
            UnavailableReason ??= "TILED_TEST_REDIS is not set";
            return null;
        }

        return $"redis://{address}";
    }
}
