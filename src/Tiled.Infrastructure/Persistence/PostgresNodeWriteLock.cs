using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Tiled.Application.Abstractions;
using Tiled.Application.Common.Concurrency;
using Tiled.Domain.Nodes;

namespace Tiled.Infrastructure.Persistence;

/// <summary>
/// The node write lock on a PostgreSQL catalog, which several server processes may share: the
/// in-process gate of the node's path, then a session-level advisory lock on a 64-bit hash of the
/// path, held on its own pooled connection. The process keeps the advisory lock between its own
/// writes ("sticky"): it is given back once the node has been idle for <see cref="IdleRelease"/>,
/// and at the next write after <see cref="HoldBudget"/>, so a busy writer costs no extra round
/// trips and another process waits at most about that long. A process that dies loses its session
/// and with it the lock. See ADR 0007. Waiting for the lock is bounded by <paramref name="wait"/>; a
/// database that fails or does not answer in time makes the write 503 (<see cref="CatalogFailures"/>)
/// before it stores anything.
/// </summary>
internal sealed class PostgresNodeWriteLock(NpgsqlDataSource sessions, TimeSpan wait) : INodeWriteLock, IAsyncDisposable
{
    public static readonly TimeSpan IdleRelease = TimeSpan.FromMilliseconds(5);
    public static readonly TimeSpan HoldBudget = TimeSpan.FromMilliseconds(20);

    private readonly KeyedGates<Session> _gates = new();

    /// <summary>How many nodes have a gate: held, awaited, or whose advisory lock is still kept.</summary>
    public int GateCount => _gates.Count;

    public async Task<IAsyncDisposable> AcquireAsync(NodePath path, CancellationToken ct)
    {
        var gate = await _gates.WaitAsync(path.ToString(), ct);
        try
        {
            var session = gate.Slot;
            if (session.Connection is not null && Environment.TickCount64 - session.LockedAt > HoldBudget.TotalMilliseconds)
            {
                // Held long enough: give waiting processes their turn (PostgreSQL grants it to them first).
                await UnlockAsync(gate);
            }

            if (session.Connection is null)
            {
                await LockAsync(gate, LockKey(path), ct);
            }

            return new Held(this, gate);
        }
        catch (Exception e)
        {
            _gates.Release(gate);
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

    /// <summary>The advisory lock key of a path: the first eight bytes of its SHA-256 (a collision only serialises two nodes).</summary>
    public static long LockKey(NodePath path) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(path.ToString())), 0);

    private async Task LockAsync(KeyedGates<Session>.Gate gate, long key, CancellationToken ct)
    {
        var connection = await sessions.OpenConnectionAsync(ct);
        try
        {
            await ExecuteAsync(connection, "SELECT pg_advisory_lock(@key)", key, ct, wait);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        gate.Slot.Connection = connection;
        gate.Slot.Key = key;
        gate.Slot.LockedAt = Environment.TickCount64;
        _gates.Retain(gate);
    }

    private async Task UnlockAsync(KeyedGates<Session>.Gate gate)
    {
        var connection = gate.Slot.Connection!;
        gate.Slot.Connection = null;
        _gates.Forget(gate);
        try
        {
            await ExecuteAsync(connection, "SELECT pg_advisory_unlock(@key)", gate.Slot.Key, CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or ObjectDisposedException)
        {
            // The session is broken, so the server has dropped the lock with it; never pool it.
            NpgsqlConnection.ClearPool(connection);
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }

    private async Task ReleaseWhenIdleAsync(string key)
    {
        while (true)
        {
            await Task.Delay(IdleRelease);
            var gate = await _gates.WaitAsync(key, CancellationToken.None);
            try
            {
                var session = gate.Slot;
                if (session.Connection is null || Environment.TickCount64 - session.LastUsed >= IdleRelease.TotalMilliseconds)
                {
                    session.Watching = false;
                    if (session.Connection is not null)
                    {
                        await UnlockAsync(gate);
                    }

                    return;
                }
            }
            finally
            {
                _gates.Release(gate);
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, long key, CancellationToken ct, TimeSpan? timeout = null)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (timeout is { } bound)
        {
            command.CommandTimeout = (int)Math.Max(1, Math.Ceiling(bound.TotalSeconds));
        }

        command.Parameters.AddWithValue("key", key);
        await command.ExecuteScalarAsync(ct);
    }

    /// <summary>The advisory lock this process keeps for one node, if any.</summary>
    private sealed class Session
    {
        public NpgsqlConnection? Connection { get; set; }

        public long Key { get; set; }

        public long LockedAt { get; set; }

        public long LastUsed { get; set; }

        public bool Watching { get; set; }
    }

    private sealed class Held(PostgresNodeWriteLock owner, KeyedGates<Session>.Gate gate) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                var session = gate.Slot;
                session.LastUsed = Environment.TickCount64;
                if (session.Connection is not null && !session.Watching)
                {
                    session.Watching = true;
                    _ = owner.ReleaseWhenIdleAsync(gate.Key);
                }

                owner._gates.Release(gate);
            }

            return ValueTask.CompletedTask;
        }
    }
}
