using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Tiled.Application.Abstractions;
using Tiled.Infrastructure.ArrayStorage;
using Tiled.Infrastructure.ExternalArrays;
using Tiled.Infrastructure.Persistence;
using Tiled.Infrastructure.Streaming;

namespace Tiled.Infrastructure;

/// <summary>
/// Wires the adapters and checks at start-up that each can work: the catalog answers and has a
/// current schema (created or upgraded here when <see cref="InfrastructureSettings.InitIfNotExists"/>),
/// the storage directory is writable, and Redis (when configured) is reachable. The stream cache's
/// Redis keys are filed under the catalog's identity (docs/decisions/0006).
/// </summary>
public static class DependencyInjection
{
    public static async Task AddTiledInfrastructureAsync(this IServiceCollection services, InfrastructureSettings settings,
        ILoggerFactory loggerFactory, CancellationToken ct)
    {
        services.AddPooledDbContextFactory<TiledDbContext>(o => CatalogDatabase.Configure(o, settings.DatabaseUri, settings.Timeouts.Database));
        services.AddSingleton<EfNodeCatalog>();
        var guard = CatalogKind(settings.DatabaseUri) == "postgresql" ? new CatalogGuard(settings.Timeouts.Database) : CatalogGuard.Unbounded;
        services.AddSingleton<INodeCatalog>(sp => new GuardedNodeCatalog(sp.GetRequiredService<EfNodeCatalog>(), guard));
        services.AddSingleton<EfPrincipalStore>();
        services.AddSingleton<IPrincipalStore>(sp => new GuardedPrincipalStore(sp.GetRequiredService<EfPrincipalStore>(), guard));
        AddNodeWriteLock(services, settings);
        services.AddSingleton<IArrayStore>(new FileSystemArrayStore(new ArrayStorageOptions(RequireWritableDirectory(settings.WriteStorage))));
        services.AddSingleton(new ExternalPathPolicy([.. settings.ReadStorage]));
        services.AddSingleton<IExternalArrayReader, ExternalArrayReader>();
        services.AddSingleton<ITableStore>(new TableStorage.FileSystemTableStore(new TableStorage.TableStorageOptions(RequireWritableDirectory(settings.WriteStorage))));

        var catalogId = await OpenCatalogAsync(settings, ct);
        var cache = await CreateStreamCacheAsync(settings, catalogId, loggerFactory, ct);
        // Registered through a factory so the container disposes it (closing Redis, ending live feeds) at shutdown.
        services.AddSingleton(_ => cache);
        services.AddSingleton(settings.CacheOptions);
    }

    /// <summary>
    /// On PostgreSQL, which several processes may share, writes to a node are serialised by an
    /// advisory lock; a SQLite catalog belongs to one process and keeps the application's in-process lock.
    /// </summary>
    private static void AddNodeWriteLock(IServiceCollection services, InfrastructureSettings settings)
    {
        if (CatalogKind(settings.DatabaseUri) != "postgresql")
        {
            return;
        }

        using var db = new TiledDbContext(CatalogDatabase.Configure(settings.DatabaseUri, settings.Timeouts.Database));
        var connectionString = db.Database.GetConnectionString() ?? "";
        services.AddSingleton<INodeWriteLock>(_ => new PostgresNodeWriteLock(NpgsqlDataSource.Create(connectionString), settings.Timeouts.DatabaseLock, settings.Timeouts.Database));
    }

    /// <summary>
    /// Only what administering principals and API keys needs (the <c>tiled admin</c> and
    /// <c>tiled api-key</c> commands): the catalog database, whose schema must already be current.
    /// </summary>
    public static async Task AddTiledPrincipalStoreAsync(this IServiceCollection services, string databaseUri, CancellationToken ct)
    {
        services.AddPooledDbContextFactory<TiledDbContext>(o => CatalogDatabase.Configure(o, databaseUri));
        services.AddSingleton<IPrincipalStore, EfPrincipalStore>();
        await using var db = new TiledDbContext(CatalogDatabase.Configure(databaseUri));
        await CatalogSchema.OpenAsync(db, createOrUpgrade: false, ct);
    }

    /// <summary>The kind of catalog for logs ("sqlite" or "postgresql").</summary>
    public static string CatalogKind(string databaseUri) => databaseUri.StartsWith("sqlite", StringComparison.Ordinal) ? "sqlite" : "postgresql";

    /// <summary>Creates or upgrades the catalog's schema when the settings ask for it, and returns the catalog's identity.</summary>
    private static async Task<Guid> OpenCatalogAsync(InfrastructureSettings settings, CancellationToken ct)
    {
        await using var db = new TiledDbContext(CatalogDatabase.Configure(settings.DatabaseUri, settings.Timeouts.Database));
        return await CatalogSchema.OpenAsync(db, settings.InitIfNotExists, ct);
    }

    private static async Task<IStreamCache> CreateStreamCacheAsync(InfrastructureSettings settings, Guid catalogId, ILoggerFactory loggerFactory,
        CancellationToken ct)
    {
        var uri = settings.CacheUri;
        if (uri is null || uri == "memory" || uri.StartsWith("memory:", StringComparison.Ordinal))
        {
            return new InMemoryStreamCache(settings.CacheOptions, TimeProvider.System);
        }

        if (!uri.StartsWith("redis://", StringComparison.Ordinal) && !uri.StartsWith("rediss://", StringComparison.Ordinal))
        {
            throw new ArgumentException("Unsupported stream cache URI scheme; use redis://HOST:PORT, rediss://HOST:PORT or memory.");
        }

        ct.ThrowIfCancellationRequested();
        var keyPrefix = RedisStreamKeys.CatalogPrefix(settings.CacheKeyPrefix, catalogId);
        return await RedisStreamCache.ConnectAsync(uri, settings.CacheOptions with { CallTimeout = settings.Timeouts.StreamCache }, keyPrefix,
            loggerFactory.CreateLogger<RedisStreamCache>());
    }

    private static string RequireWritableDirectory(string directory)
    {
        try
        {
            var full = Path.GetFullPath(directory);
            Directory.CreateDirectory(full);
            var probe = Path.Combine(full, $".write-probe-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return full;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"The storage directory '{directory}' cannot be written: {e.Message}", e);
        }
    }
}
