using Microsoft.Extensions.Logging;
using Tiled.Application.Abstractions;

namespace Tiled.Application.Streaming.Live;

/// <summary>
/// The process's <see cref="NodeStreamHub"/>s, at most one per node: the first subscriber to join
/// opens it (subscribing to the node's feed before anything is read), the last one to leave
/// disposes it. A hub whose feed failed is retired at once, so the next subscriber opens a new one
/// while those still attached are being closed.
/// </summary>
public sealed class NodeStreamHubs(IStreamCache cache, ILogger<NodeStreamHubs> logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, Slot> _slots = [];

    /// <summary>The nodes that have a hub now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _slots.Count;
            }
        }
    }

    /// <summary>
    /// Attaches <paramref name="listener"/> to <paramref name="nodeId"/>'s hub, opening it if needed.
    /// Throws what opening throws (e.g. the cache is unreachable).
    /// </summary>
    public async Task<HubMembership> JoinAsync(long nodeId, INodeStreamListener listener, CancellationToken ct)
    {
        while (true)
        {
            var slot = Enter(nodeId);
            NodeStreamHub hub;
            try
            {
                hub = await slot.Opening.WaitAsync(ct);
            }
            catch
            {
                if (slot.Opening.IsFaulted)
                {
                    Retire(slot);
                }

                await LeaveAsync(slot);
                throw;
            }

            if (hub.TryAttach(listener, out var position))
            {
                return new HubMembership(position, () => LeaveAsync(slot, hub, listener));
            }

            // The hub's feed failed just now: let it go and open a new one.
            Retire(slot);
            await LeaveAsync(slot);
        }
    }

    private Slot Enter(long nodeId)
    {
        lock (_gate)
        {
            if (!_slots.TryGetValue(nodeId, out var slot))
            {
                slot = new Slot(nodeId);
                _slots.Add(nodeId, slot);
                var opening = slot;
                _ = Task.Run(() => OpenAsync(opening));
            }

            slot.Members++;
            return slot;
        }
    }

    /// <summary>Opened off the first caller's token: other subscribers may be waiting for the same hub.</summary>
    private async Task OpenAsync(Slot slot)
    {
        try
        {
            slot.Opened.SetResult(await NodeStreamHub.OpenAsync(cache, slot.NodeId, logger, _ => Retire(slot), CancellationToken.None));
        }
        catch (Exception e)
        {
            slot.Opened.SetException(e);
        }
    }

    private async ValueTask LeaveAsync(Slot slot, NodeStreamHub? hub = null, INodeStreamListener? listener = null)
    {
        if (hub is not null && listener is not null)
        {
            hub.Detach(listener);
        }

        lock (_gate)
        {
            if (--slot.Members > 0)
            {
                return;
            }

            Remove(slot);
        }

        try
        {
            await (await slot.Opening).DisposeAsync();
        }
        catch (Exception) when (slot.Opening.IsFaulted)
        {
            // Never opened: nothing to close.
        }
    }

    private void Retire(Slot slot)
    {
        lock (_gate)
        {
            Remove(slot);
        }
    }

    private void Remove(Slot slot)
    {
        if (_slots.TryGetValue(slot.NodeId, out var current) && current == slot)
        {
            _slots.Remove(slot.NodeId);
        }
    }

    /// <summary>One hub and the subscribers that hold it; guarded by the registry's lock.</summary>
    private sealed class Slot(long nodeId)
    {
        public long NodeId { get; } = nodeId;

        public TaskCompletionSource<NodeStreamHub> Opened { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<NodeStreamHub> Opening => Opened.Task;

        public int Members { get; set; }
    }
}
