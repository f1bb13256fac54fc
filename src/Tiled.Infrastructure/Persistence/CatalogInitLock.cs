using Microsoft.EntityFrameworkCore;

namespace Tiled.Infrastructure.Persistence;

/// <summary>
/// Serialises concurrent --init start-ups on PostgreSQL for the whole of adoption and migration: a
/// session advisory lock on the context's connection, which stays open until the lock is released
/// (a pooled connection is not reset on return, so the release is explicit). On SQLite the adoption
/// runs in an IMMEDIATE transaction and <c>MigrateAsync</c> takes EF's own migration lock.
/// </summary>
internal sealed class CatalogInitLock : IAsyncDisposable
{
    // Any fixed number: the key of the PostgreSQL advisory lock.
    private const long PostgresLockKey = 0x74_69_6C_65_64;

    private readonly TiledDbContext? _postgres;

    private CatalogInitLock(TiledDbContext? postgres) => _postgres = postgres;

    public static async Task<CatalogInitLock> AcquireAsync(TiledDbContext db, CancellationToken ct)
    {
        if (!db.IsPostgres)
        {
            return new CatalogInitLock(null);
        }

        await db.Database.OpenConnectionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({PostgresLockKey})", ct);
        return new CatalogInitLock(db);
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is null)
        {
            return;
        }

        try
        {
            await _postgres.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({PostgresLockKey})");
        }
        finally
        {
            await _postgres.Database.CloseConnectionAsync();
        }
    }
}
