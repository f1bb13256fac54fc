using System.Collections.Concurrent;

namespace Tiled.Application.Common.Concurrency;

/// <summary>
/// Serializes writes to one node within this process. Array chunk updates are read-modify-write and
/// extends change the structure; table writes hold it until the event is published, so subscribers
/// receive appends in the order they were stored.
/// </summary>
public sealed class NodeWriteLocks
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
