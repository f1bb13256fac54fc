using Tiled.Application.Common.Limits;

namespace Tiled.Api.Hosting;

/// <summary>Everything the <c>tiled serve</c> commands configure.</summary>
public sealed record ServerSettings
{
    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = 8000;

    /// <summary>The single-user API key; null means "generate one and print it".</summary>
    public string? ApiKey { get; init; }

    /// <summary>Allow reads without an API key (Tiled's <c>--public</c> / <c>allow_anonymous_access</c>).</summary>
    public bool Public { get; init; }

    /// <summary>Log one JSON object per line instead of readable text (<c>--log-json</c>).</summary>
    public bool JsonLogs { get; init; }

    /// <summary><c>sqlite:///path</c> or <c>postgresql://user:pass@host:port/db</c>.</summary>
    public required string DatabaseUri { get; init; }

    /// <summary>Directory for writable array storage.</summary>
    public required string WriteStorage { get; init; }

    /// <summary>Directories whose files may be registered as external data (<c>--read-storage</c>).</summary>
    public IReadOnlyList<string> ReadStorage { get; init; } = [];

    /// <summary>Create the catalog schema when missing.</summary>
    public bool InitIfNotExists { get; init; }

    /// <summary><c>redis://...</c>, <c>rediss://...</c>, <c>memory</c>, or null for the in-memory cache.</summary>
    public string? CacheUri { get; init; }

    /// <summary>Prefix for every Redis key and channel, so that several catalogs can share one Redis.</summary>
    public string CacheKeyPrefix { get; init; } = "";

    public int? CacheDataTtlSeconds { get; init; }

    public int? CacheSeqTtlSeconds { get; init; }

    /// <summary>The limits every client input is held to (README, "Limits").</summary>
    public InputLimits Limits { get; init; } = new();

    /// <summary>Seconds any one catalog database call may take (connect or command) before the request is 503; default 5.</summary>
    public double? DatabaseTimeoutSeconds { get; init; }

    /// <summary>Seconds any one stream cache (Redis) call may take before the request is 503; default 5.</summary>
    public double? CacheTimeoutSeconds { get; init; }

    /// <summary>Limits of the subscription WebSockets (send budget, auth timeout, subscriptions per multiplexed socket).</summary>
    public Streaming.StreamSocketOptions StreamSockets { get; init; } = Streaming.StreamSocketOptions.Default;

    /// <summary>
    /// Persisted array writes with a payload larger than this many bytes are streamed by reference
    /// (<c>array-ref</c> with a <c>uri</c>); 0 streams every payload inline. Default 1 MiB.
    /// </summary>
    public long StreamInlineLimitBytes { get; init; } = Application.Streaming.StreamPayloadOptions.DefaultInlineLimitBytes;

    /// <summary>When the server gives freed memory back after a burst of allocation (issue #18).</summary>
    public IdleMemoryOptions IdleMemory { get; init; } = new();

    /// <summary>A directory to delete when the server stops (<c>--temp</c>).</summary>
    public string? TemporaryDirectory { get; init; }
}
