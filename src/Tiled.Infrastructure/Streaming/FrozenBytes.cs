using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tiled.Infrastructure.Streaming;

/// <summary>
/// Arrays that nobody writes to once frozen (a request body read into its own array), so that
/// <see cref="InMemoryStreamCache"/> and <see cref="RecentPayloads"/> can keep them without copying. Any other memory is copied,
/// since its owner may reuse it.
/// </summary>
public static class FrozenBytes
{
    private static readonly ConditionalWeakTable<byte[], object> Frozen = [];

    /// <summary>Marks <paramref name="array"/> frozen; the caller gives up writing to it.</summary>
    public static ReadOnlyMemory<byte> Freeze(byte[] array)
    {
        ArgumentNullException.ThrowIfNull(array);
        Frozen.AddOrUpdate(array, Frozen);
        return array;
    }

    /// <summary>True when <paramref name="memory"/> lies in a frozen array (or is empty).</summary>
    public static bool IsFrozen(ReadOnlyMemory<byte> memory) =>
        memory.IsEmpty || (MemoryMarshal.TryGetArray(memory, out var segment) && segment.Array is { } array && Frozen.TryGetValue(array, out _));

    /// <summary><paramref name="memory"/> itself when it lies in a frozen array, otherwise a copy.</summary>
    public static ReadOnlyMemory<byte> KeepOrCopy(ReadOnlyMemory<byte> memory) => IsFrozen(memory) ? memory : memory.ToArray();
}
