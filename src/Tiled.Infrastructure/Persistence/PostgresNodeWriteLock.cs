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
/// before it stores anything. Every other call (open, try, unlock) is awaited for at most
/// <paramref name="callTimeout"/> (<see cref="DatabaseDeadline"/>); a session given up on is dropped
/// when its call ends, never pooled with a lock it may still get.
/// </summary>
internal sealed class PostgresNodeWriteLock(NpgsqlDataSource sessions, TimeSpan wait, TimeSpan callTimeout) : INodeWriteLock, IAsyncDisposable
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
                // A database that does not answer the unlock will not answer the lock either: 503 now.
                if (await UnlockAsync(gate) is { } failure && CatalogFailures.Translate(failure) is not null)
                {
                    throw failure;
                }
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
        var connection = await DatabaseDeadline.WithinAsync(sessions.OpenConnectionAsync(ct).AsTask(), callTimeout,
            opened => { if (opened.IsCompletedSuccessfully) { Drop(opened.Result); } });
        try
        {
            // Try first, within the call timeout: a frozen database is then a 503 after that timeout,
            // and only a lock another session is seen to hold is waited for (in PostgreSQL's queue, fairly).
            if (await ExecuteAsync(connection, "SELECT pg_try_advisory_lock(@key)", key, callTimeout, ct) is not true)
            {
                await ExecuteAsync(connection, "SELECT pg_advisory_lock(@key)", key, wait, ct);
            }
        }
        catch (Exception e)
        {
            // A call given up on (TimeoutException) drops the session itself when it ends.
            if (e is not TimeoutException)
            {
                await connection.DisposeAsync();
            }

            throw;
        }

        gate.Slot.Connection = connection;
        gate.Slot.Key = key;
        gate.Slot.LockedAt = Environment.TickCount64;
        _gates.Retain(gate);
    }

    /// <summary>Gives the advisory lock back; returns the failure (the session is then dropped, and the lock with it).</summary>
    private Task<Exception?> UnlockAsync(KeyedGates<Session>.Gate gate) => UnlockAsync(Detach(gate));

    /// <summary>Takes the locked session out of the gate; the lock stays held until it is unlocked.</summary>
    private LockedSession Detach(KeyedGates<Session>.Gate gate)
    {
        var connection = gate.Slot.Connection!;
        gate.Slot.Connection = null;
        _gates.Forget(gate);
        return new LockedSession(connection, gate.Slot.Key);
    }

    private async Task<Exception?> UnlockAsync(LockedSession locked)
    {
        try
        {
            await ExecuteAsync(locked.Connection, "SELECT pg_advisory_unlock(@key)", locked.Key, callTimeout, CancellationToken.None);
            await locked.Connection.DisposeAsync();
            return null;
        }
        catch (TimeoutException e)
        {
            // Given up on: the session is dropped when the unlock ends.
            return e;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or ObjectDisposedException)
        {
            // The session is broken, so the server has dropped the lock with it; never pool it.
            Drop(locked.Connection);
            return e;
        }
    }

    private async Task ReleaseWhenIdleAsync(string key)
    {
        while (true)
        {
            await Task.Delay(IdleRelease);
            LockedSession? idle = null;
            var gate = await _gates.WaitAsync(key, CancellationToken.None);
            try
            {
                var session = gate.Slot;
                if (session.Connection is not null && Environment.TickCount64 - session.LastUsed < IdleRelease.TotalMilliseconds)
                {
                    continue;
                }

                session.Watching = false;
                if (session.Connection is not null)
                {
                    idle = Detach(gate);
                }
            }
            finally
            {
                _gates.Release(gate);
            }

            // Unlocked outside the gate: a write arriving meanwhile waits in PostgreSQL's queue (within
            // its bounds), not behind an unlock a frozen database may never answer.
            if (idle is { } locked)
            {
                await UnlockAsync(locked);
            }

            return;
        }
    }

    /// <summary>
    /// Runs <paramref name="sql"/> with the command timeout <paramref name="bound"/>, awaited for at most
    /// that long: a call given up on throws <see cref="TimeoutException"/> and drops its session when it ends.
    /// </summary>
    private static async Task<object?> ExecuteAsync(NpgsqlConnection connection, string sql, long key, TimeSpan bound, CancellationToken ct)
    {
        var command = new NpgsqlCommand(sql, connection) { CommandTimeout = (int)Math.Max(1, Math.Ceiling(bound.TotalSeconds)) };
        command.Parameters.AddWithValue("key", key);
        var call = command.ExecuteScalarAsync(ct);
        try
        {
            var result = await DatabaseDeadline.WithinAsync(call, bound, _ => Drop(connection));
            await command.DisposeAsync();
            return result;
        }
        catch (Exception e) when (e is not TimeoutException)
        {
            await command.DisposeAsync();
            throw;
        }
    }

    /// <summary>Closes a session for good: the server drops its advisory locks, and the pool never hands it out again.</summary>
    private static void Drop(NpgsqlConnection connection)
    {
        NpgsqlConnection.ClearPool(connection);
        connection.Dispose();
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

    private readonly record struct LockedSession(NpgsqlConnection Connection, long Key);

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
