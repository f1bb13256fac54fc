namespace Tiled.Bench.Target;

/// <summary>The server being measured: where it listens, its key, and (when known) its process.</summary>
internal sealed class BenchTarget(Uri baseUrl, string apiKey, string mode, int? pid, string? redisEndpoint,
    ServerProcess? process, string? ownedDirectory) : IAsyncDisposable
{
    /// <summary>Scheme, host and port with a trailing slash, e.g. <c>http://127.0.0.1:8000/</c>.</summary>
    public Uri BaseUrl { get; } = baseUrl;

    public string ApiKey { get; } = apiKey;

    /// <summary><c>memory</c>, <c>redis</c> (started here) or <c>external</c>.</summary>
    public string Mode { get; } = mode;

    /// <summary>The server's PID when started here or given with --server-pid; RSS and CPU are read from it.</summary>
    public int? Pid { get; } = pid;

    /// <summary>HOST:PORT of the Redis the server uses (or the one given), for the Redis baselines.</summary>
    public string? RedisEndpoint { get; } = redisEndpoint;

    /// <summary>Lines the started server has logged so far (null for an external server).</summary>
    public long? ServerLogLines => process?.LinesLogged;

    public string? ServerLastLines() => process?.LastLines();

    public Uri Api(string relative) => new(BaseUrl, "api/v1/" + relative);

    public Uri StreamUri(string key, long? start)
    {
        var scheme = BaseUrl.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
        var query = "envelope_format=msgpack" + (start is { } s ? $"&start={s}" : "");
        return new Uri($"{scheme}://{BaseUrl.Authority}/api/v1/stream/single/{Uri.EscapeDataString(key)}?{query}");
    }

    public async ValueTask DisposeAsync()
    {
        if (process is not null)
        {
            await process.DisposeAsync();
        }

        if (ownedDirectory is not null && Directory.Exists(ownedDirectory))
        {
            Directory.Delete(ownedDirectory, recursive: true);
        }
    }
}
