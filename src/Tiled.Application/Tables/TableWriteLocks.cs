using System.Collections.Concurrent;

namespace Tiled.Application.Tables;

/// <summary>
/// Serializes writes to one table within this process, from storing the rows to publishing the
/// event, so that subscribers receive appends in the order they were stored.
/// </summary>
public sealed class TableWriteLocks
{
    private readonly ConcurrentDictionary<long, SemaphoreSlim> _locks = new();

    public async Task<IDisposable> AcquireAsync(long nodeId, CancellationToken ct)
    {
        var gate = _locks.GetOrAdd(nodeId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        return new Releaser(gate);
    }

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
