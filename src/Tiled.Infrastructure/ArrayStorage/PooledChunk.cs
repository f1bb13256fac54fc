using System.Buffers;

namespace Tiled.Infrastructure.ArrayStorage;

/// <summary>
/// A chunk-sized buffer rented from <see cref="ArrayPool{T}.Shared"/> for the span of one chunk
/// read-modify-write or decode; its contents are undefined until written. Dispose exactly once.
/// </summary>
internal sealed class PooledChunk(int length) : IDisposable
{
    private byte[]? _array = ArrayPool<byte>.Shared.Rent(length);

    public Memory<byte> Memory => Array.AsMemory(0, length);

    public Span<byte> Span => Array.AsSpan(0, length);

    private byte[] Array => _array ?? throw new ObjectDisposedException(nameof(PooledChunk));

    public void Dispose()
    {
        if (_array is { } array)
        {
            _array = null;
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}
