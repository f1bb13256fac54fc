using System.Collections.Concurrent;

namespace Tiled.Application.Arrays;

/// <summary>
/// Serializes persisted writes to one array within this process: chunk updates are
/// read-modify-write and extends change the structure, so two writers must not interleave.
/// </summary>
public sealed class ArrayWriteLocks
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
