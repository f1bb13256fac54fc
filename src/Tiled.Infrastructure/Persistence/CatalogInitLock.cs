using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Tiled.Infrastructure.Persistence;

/// <summary>
/// Serialises concurrent --init start-ups over adoption and migration. PostgreSQL: a session
/// advisory lock on the context's connection, which stays open until the lock is released (a pooled
/// connection is not reset on return, so the release is explicit). SQLite: an exclusive lock on the
/// file <c>CATALOG.init-lock</c> beside the catalog, which the system drops when its process dies.
/// </summary>
internal sealed class CatalogInitLock : IAsyncDisposable
{
    // Any fixed number: the key of the PostgreSQL advisory lock.
    private const long PostgresLockKey = 0x74_69_6C_65_64;

    private static readonly TimeSpan SqliteWait = TimeSpan.FromMinutes(2);

    private readonly TiledDbContext? _postgres;
    private readonly FileStream? _sqliteLockFile;

    private CatalogInitLock(TiledDbContext? postgres, FileStream? sqliteLockFile)
    {
        _postgres = postgres;
        _sqliteLockFile = sqliteLockFile;
    }

    public static async Task<CatalogInitLock> AcquireAsync(TiledDbContext db, CancellationToken ct)
    {
        if (db.IsPostgres)
        {
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({PostgresLockKey})", ct);
            return new CatalogInitLock(db, null);
        }

        var lockFile = await LockFileAsync(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource + ".init-lock", ct);
        if (await CatalogTables.ExistAsync(db, "__EFMigrationsLock", ct))
        {
            // Every --init migrates holding the file, so a row in EF's own lock table was left by a
            // process that died migrating; EF would wait for it forever.
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsLock\";", ct);
        }

        return new CatalogInitLock(null, lockFile);
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqliteLockFile is not null)
        {
            await _sqliteLockFile.DisposeAsync();
        }

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

    private static async Task<FileStream> LockFileAsync(string path, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + SqliteWait;
        while (true)
        {
            try
            {
                // FileShare.None: on Linux an exclusive flock, which another process (or another open in this one) cannot take.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException ex) when (ex is not DirectoryNotFoundException)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException(
                        $"Another start-up with --init has held '{path}' for {SqliteWait.TotalMinutes} minutes; stop it, or start without --init.", ex);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(50), ct);
            }
        }
    }
}
