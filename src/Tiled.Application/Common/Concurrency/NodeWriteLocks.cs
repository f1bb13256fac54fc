using Tiled.Application.Abstractions;
using Tiled.Domain.Nodes;

namespace Tiled.Application.Common.Concurrency;

/// <summary>
/// Serialises writes to one node within this process: enough for a SQLite catalog, which one
/// process owns. A node's gate exists only while someone holds or awaits it, so nodes no longer
/// written leave nothing behind.
/// </summary>
public sealed class NodeWriteLocks : INodeWriteLock
{
    private readonly KeyedGates<object> _gates = new();

    /// <summary>How many nodes currently have a gate (held or awaited).</summary>
    public int GateCount => _gates.Count;

    public async Task<IAsyncDisposable> AcquireAsync(NodePath path, CancellationToken ct) =>
        new Releaser(_gates, await _gates.WaitAsync(path.ToString(), ct));

    private sealed class Releaser(KeyedGates<object> gates, KeyedGates<object>.Gate gate) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gates.Release(gate);
            }

            return ValueTask.CompletedTask;
        }
    }
}
