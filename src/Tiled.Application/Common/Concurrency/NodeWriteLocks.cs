using Tiled.Application.Abstractions;

namespace Tiled.Application.Common.Concurrency;

/// <summary>
/// Serialises writes to one node within this process: enough for a SQLite catalog, which one
/// process owns, and the first step of the cross-process lock on PostgreSQL. A node's gate exists
/// only while someone holds or awaits it, so nodes no longer written leave nothing behind.
/// </summary>
public sealed class NodeWriteLocks : INodeWriteLock
{
    private readonly Dictionary<long, Gate> _gates = [];

    /// <summary>How many nodes currently have a gate (held or awaited).</summary>
    public int GateCount
    {
        get
        {
            lock (_gates)
            {
                return _gates.Count;
            }
        }
    }

    public async Task<IAsyncDisposable> AcquireAsync(long nodeId, CancellationToken ct)
    {
        Gate gate;
        lock (_gates)
        {
            if (!_gates.TryGetValue(nodeId, out gate!))
            {
                gate = new Gate();
                _gates[nodeId] = gate;
            }

            gate.Users++;
        }

        try
        {
            await gate.Semaphore.WaitAsync(ct);
        }
        catch
        {
            Leave(nodeId, gate);
            throw;
        }

        return new Releaser(this, nodeId, gate);
    }

    private void Leave(long nodeId, Gate gate)
    {
        lock (_gates)
        {
            if (--gate.Users == 0)
            {
                _gates.Remove(nodeId);
            }
        }
    }

    private sealed class Gate
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Releaser(NodeWriteLocks owner, long nodeId, Gate gate) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Semaphore.Release();
                owner.Leave(nodeId, gate);
            }

            return ValueTask.CompletedTask;
        }
    }
}
