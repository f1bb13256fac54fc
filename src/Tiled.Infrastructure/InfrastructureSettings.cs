using Tiled.Application.Abstractions;

namespace Tiled.Infrastructure;

/// <summary>Where the adapters keep things: catalog database, array storage, stream cache.</summary>
public sealed record InfrastructureSettings(
    string DatabaseUri,
    string WriteStorage,
    IReadOnlyList<string> ReadStorage,
    bool InitIfNotExists,
    string? CacheUri,
    StreamCacheOptions CacheOptions,
    string CacheKeyPrefix = "")
{
    /// <summary>How long one call to the catalog database or the stream cache may take.</summary>
    public DependencyTimeouts Timeouts { get; init; } = DependencyTimeouts.Default;
}

/// <summary>
/// Bounds on each call to a dependency, so that no request waits longer for one that has stopped
/// answering (it is then 503). Waiting for another writer's node lock may take
/// <see cref="DatabaseLock"/>, twice the database timeout.
/// </summary>
public sealed record DependencyTimeouts(TimeSpan Database, TimeSpan StreamCache)
{
    public static DependencyTimeouts Default { get; } = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));

    public TimeSpan DatabaseLock => Database * 2;
}
