namespace Tiled.Application.Common.Concurrency;

/// <summary>
/// One async gate per key (a node's path), each with a slot of state for whoever holds it. A gate
/// exists only while it is held, awaited or retained, so keys no longer used leave nothing behind.
/// </summary>
public sealed class KeyedGates<TSlot>
    where TSlot : new()
{
    private readonly Dictionary<string, Gate> _gates = [];

    /// <summary>How many keys currently have a gate.</summary>
    public int Count
    {
        get
        {
            lock (_gates)
            {
                return _gates.Count;
            }
        }
    }

    /// <summary>Waits for the key's gate; give it back with <see cref="Release"/>.</summary>
    public async Task<Gate> WaitAsync(string key, CancellationToken ct)
    {
        Gate gate;
        lock (_gates)
        {
            if (!_gates.TryGetValue(key, out gate!))
            {
                gate = new Gate(key);
                _gates[key] = gate;
            }

            gate.Users++;
        }

        try
        {
            await gate.Semaphore.WaitAsync(ct);
        }
        catch
        {
            Forget(gate);
            throw;
        }

        return gate;
    }

    /// <summary>Opens the gate for the next waiter.</summary>
    public void Release(Gate gate)
    {
        gate.Semaphore.Release();
        Forget(gate);
    }

    /// <summary>Keeps the gate (and its slot) while nobody holds it, until <see cref="Forget"/>.</summary>
    public void Retain(Gate gate)
    {
        lock (_gates)
        {
            gate.Users++;
        }
    }

    /// <summary>Drops one use of the gate: a finished wait, a release or a retention.</summary>
    public void Forget(Gate gate)
    {
        lock (_gates)
        {
            if (--gate.Users == 0)
            {
                _gates.Remove(gate.Key);
            }
        }
    }

    public sealed class Gate(string key)
    {
        public string Key { get; } = key;

        internal SemaphoreSlim Semaphore { get; } = new(1, 1);

        internal int Users { get; set; }

        /// <summary>State shared by successive holders; touch it only while holding the gate.</summary>
        public TSlot Slot { get; } = new();
    }
}
