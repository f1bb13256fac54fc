using System.Buffers;
using Apache.Arrow.Memory;

namespace Tiled.Formats.Arrow.Ipc;

/// <summary>
/// Managed buffers for one read, up to a total: the lengths an IPC reader allocates come from the
/// input (a block's body length, a compressed buffer's declared size), so a hostile input could
/// otherwise ask for gigabytes. Past the budget the read fails with <see cref="ArrowFormatException"/>.
/// The buffers belong to the garbage collector, so columns that share them need no disposal.
/// </summary>
internal sealed class BoundedAllocator(long budget) : MemoryAllocator
{
    private long _used;

    protected override IMemoryOwner<byte> AllocateInternal(int length, out int bytesAllocated)
    {
        if (Interlocked.Add(ref _used, length) > budget)
        {
            throw new ArrowFormatException(
                $"The Arrow input asks for more than {budget} bytes of buffers; it is corrupt, or it decompresses beyond the limit.");
        }

        bytesAllocated = length;
        return new Owner(new byte[length]);
    }

    private sealed class Owner(byte[] array) : IMemoryOwner<byte>
    {
        public Memory<byte> Memory => array;

        public void Dispose()
        {
            // The garbage collector frees the array once nothing shares it.
        }
    }
}
