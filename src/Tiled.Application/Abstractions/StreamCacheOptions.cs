namespace Tiled.Application.Abstractions;

/// <summary>Retention settings of the stream cache (Tiled's <c>streaming_cache</c> section).</summary>
public sealed record StreamCacheOptions
{
    /// <summary>Seconds each entry is retained (Tiled's <c>data_ttl</c>).</summary>
    public int DataTtlSeconds { get; init; } = 3600;

    /// <summary>Seconds the counter lives without appends (Tiled's <c>seq_ttl</c>, 30 days).</summary>
    public int SeqTtlSeconds { get; init; } = 2_592_000;

    /// <summary>Redis only: how long one call may take before it fails (<c>socket_timeout</c>); the request is then 503.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>In-memory cache only: most entries retained per node before the oldest are evicted.</summary>
    public int MaxEntriesPerNode { get; init; } = 100_000;

    /// <summary>In-memory cache only: most payload + metadata bytes retained in total before the oldest are evicted.</summary>
    public long MaxTotalBytes { get; init; } = 256L << 20;
}
