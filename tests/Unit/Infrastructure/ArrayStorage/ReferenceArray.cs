using Tiled.Infrastructure.ArrayStorage;

namespace Tiled.UnitTests.Infrastructure.ArrayStorage;

/// <summary>An in-memory C-order array that the store's results are compared with.</summary>
internal sealed class ReferenceArray(long[] shape, int itemSize)
{
    public byte[] Bytes { get; } = new byte[ChunkLayout.Product(shape) * itemSize];

    public void Write(long[] start, long[] count, byte[] data) =>
        TestArrays.NaiveCopy(data, count, new long[count.Length], Bytes, shape, start, count, itemSize);

    public byte[] Read(long[] start, long[] count)
    {
        var box = new byte[ChunkLayout.Product(count) * itemSize];
        TestArrays.NaiveCopy(Bytes, shape, start, box, count, new long[count.Length], count, itemSize);
        return box;
    }
}
