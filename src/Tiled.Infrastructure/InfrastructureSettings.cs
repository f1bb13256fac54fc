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
    string CacheKeyPrefix = "");
