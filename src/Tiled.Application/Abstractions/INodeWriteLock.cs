using Tiled.Domain.Nodes;

namespace Tiled.Application.Abstractions;

/// <summary>
/// Serialises the writes to one node across every server process that shares the catalog. A
/// writer holds it while it reads the node's current state, stores its change and publishes the
/// stream entry, so storage order is publication order (ADR 0007).
/// </summary>
public interface INodeWriteLock
{
    /// <summary>
    /// Waits for the lock of the node at <paramref name="path"/> (taken by path, so a writer can hold
    /// it before it reads the node); disposing the result releases it.
    /// </summary>
    Task<IAsyncDisposable> AcquireAsync(NodePath path, CancellationToken ct);
}
