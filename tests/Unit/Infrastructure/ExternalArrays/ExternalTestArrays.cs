using Tiled.Domain.Arrays;
using Tiled.Infrastructure.ArrayStorage;

namespace Tiled.UnitTests.Infrastructure.ExternalArrays;

/// <summary>Reference box extraction and random boxes for the reader tests.</summary>
internal static class ExternalTestArrays
{
    /// <summary>The C-order bytes of the box <c>[start, start+count)</c> of <paramref name="full"/>.</summary>
    public static byte[] Box(byte[] full, long[] shape, long[] start, long[] count, int itemSize)
    {
        var box = new byte[ChunkLayout.Product(count) * itemSize];
        NdCopy.Copy(full, shape, start, box, count, new long[count.Length], count, itemSize);
        return box;
    }

    /// <summary>Random boxes inside <paramref name="shape"/>, the same for every run.</summary>
    public static IEnumerable<(long[] Start, long[] Count)> RandomBoxes(long[] shape, int n, int seed = 7)
    {
        var random = new Random(seed);
        for (var i = 0; i < n; i++)
        {
            var start = shape.Select(s => (long)random.Next((int)s)).ToArray();
            var count = shape.Select((s, d) => 1 + (long)random.Next((int)(s - start[d]))).ToArray();
            yield return (start, count);
        }
    }

    public static ArrayStructure WithShape(ArrayStructure structure, long[] shape) =>
        structure with { Shape = shape, Chunks = ChunkGrid.Regular(shape, shape.Select(n => Math.Max(n, 1)).ToArray()) };
}
