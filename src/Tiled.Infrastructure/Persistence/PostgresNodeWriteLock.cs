using Npgsql;
using Tiled.Application.Abstractions;
using Tiled.Application.Common.Concurrency;

namespace Tiled.Infrastructure.Persistence;

/// <summary>
/// The node write lock on a PostgreSQL catalog, which several server processes may share: the
/// in-process gate first (so a process holds at most one database session per node), then a
/// session-level advisory lock on the node id, held on its own pooled connection until release.
/// A process that dies loses its session and with it the lock. See ADR 0007. Waiting for the lock
/// is bounded by <paramref name="wait"/>; a database that fails or does not answer in time makes
/// the write 503 (<see cref="CatalogFailures"/>) before it stores anything.
/// </summary>
internal sealed class PostgresNodeWriteLock(NpgsqlDataSource sessions, TimeSpan wait) : INodeWriteLock, IAsyncDisposable
{
    private readonly NodeWriteLocks _local = new();

    public async Task<IAsyncDisposable> AcquireAsync(long nodeId, CancellationToken ct)
    {
        var gate = await _local.AcquireAsync(nodeId, ct);
        NpgsqlConnection? connection = null;
        try
        {
            connection = await sessions.OpenConnectionAsync(ct);
            await ExecuteAsync(connection, "SELECT pg_advisory_lock(@node)", nodeId, ct, wait);
            return new Held(connection, nodeId, gate);
        }
        catch (Exception e)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            await gate.DisposeAsync();
            if (CatalogFailures.Translate(e) is { } unavailable)
            {
                // Connections of this pool may have been closed by the server too.
                sessions.Clear();
                throw unavailable;
            }

            throw;
        }
    }

    public ValueTask DisposeAsync() => sessions.DisposeAsync();

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, long nodeId, CancellationToken ct, TimeSpan? timeout = null)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (timeout is { } bound)
        {
            command.CommandTimeout = (int)Math.Max(1, Math.Ceiling(bound.TotalSeconds));
        }

        command.Parameters.AddWithValue("node", nodeId);
        await command.ExecuteScalarAsync(ct);
    }

    private sealed class Held(NpgsqlConnection connection, long nodeId, IAsyncDisposable gate) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await ExecuteAsync(connection, "SELECT pg_advisory_unlock(@node)", nodeId, CancellationToken.None);
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                // The session is broken, so the server has dropped the lock with it; never pool it.
                NpgsqlConnection.ClearPool(connection);
            }
            finally
            {
                await connection.DisposeAsync();
                await gate.DisposeAsync();
            }
        }
    }
}
