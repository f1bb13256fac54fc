namespace Tiled.Bench.Target;

/// <summary>
/// The server being measured: where it listens, its key, and (when known) its processes. With
/// <c>--processes N</c> there are N server processes on one catalog, write storage and Redis; the
/// first is the default for every request, and writers spread over all with <see cref="WriteApi"/>.
/// </summary>
internal sealed class BenchTarget : IAsyncDisposable
{
    private readonly IReadOnlyList<ServerProcess> _processes;
    private readonly string? _ownedDirectory;

    public BenchTarget(IReadOnlyList<Uri> baseUrls, string apiKey, string mode, int? pid, string? redisEndpoint,
        IReadOnlyList<ServerProcess> processes, string? ownedDirectory)
    {
        BaseUrls = baseUrls;
        ApiKey = apiKey;
        Mode = mode;
        Pid = pid;
        RedisEndpoint = redisEndpoint;
        _processes = processes;
        _ownedDirectory = ownedDirectory;
    }

    /// <summary>Scheme, host and port of the first (or only) process, with a trailing slash, e.g. <c>http://127.0.0.1:8000/</c>.</summary>
    public Uri BaseUrl => BaseUrls[0];

    /// <summary>One base URL per server process (one for an external server).</summary>
    public IReadOnlyList<Uri> BaseUrls { get; }

    public string ApiKey { get; }

    /// <summary>Whether subscribers offer permessage-deflate.</summary>
    public bool Deflate { get; init; }

    /// <summary><c>memory</c>, <c>redis</c> (started here) or <c>external</c>.</summary>
    public string Mode { get; }

    /// <summary>The first server's PID when started here or given with --server-pid; RSS is read from it.</summary>
    public int? Pid { get; }

    /// <summary>Every started server's PID (or the one given); CPU time is summed over them.</summary>
    public IReadOnlyList<int> Pids => _processes.Count > 0 ? [.. _processes.Select(p => p.Pid)] : Pid is { } pid ? [pid] : [];

    /// <summary>HOST:PORT of the Redis the server uses (or the one given), for the Redis baselines.</summary>
    public string? RedisEndpoint { get; }

    /// <summary>Lines the started servers have logged so far (null for an external server).</summary>
    public long? ServerLogLines => _processes.Count > 0 ? _processes.Sum(p => p.LinesLogged) : null;

    public string? ServerLastLines() => _processes.Count > 0 ? string.Join("\n", _processes.Select(p => p.LastLines())) : null;

    public Uri Api(string relative) => new(BaseUrl, "api/v1/" + relative);

    /// <summary>The API URL on process <c>writer mod N</c>: writers are spread round-robin over the processes.</summary>
    public Uri WriteApi(string relative, int writer) => new(BaseUrls[(int)((uint)writer % (uint)BaseUrls.Count)], "api/v1/" + relative);

    public Uri StreamUri(string key, long? start)
    {
        var scheme = BaseUrl.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
        var query = "envelope_format=msgpack" + (start is { } s ? $"&start={s}" : "");
        return new Uri($"{scheme}://{BaseUrl.Authority}/api/v1/stream/single/{Uri.EscapeDataString(key)}?{query}");
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_processes.Select(p => p.DisposeAsync().AsTask()));
        if (_ownedDirectory is not null && Directory.Exists(_ownedDirectory))
        {
            Directory.Delete(_ownedDirectory, recursive: true);
        }
    }
}
