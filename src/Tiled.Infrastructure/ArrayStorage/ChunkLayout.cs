namespace Tiled.Infrastructure.ArrayStorage;

/// <summary>
/// Arithmetic of a regular chunk grid (Zarr v2): which chunks a box touches and where the overlap
/// lies. Every array holds one value per dimension; a 0-d array has one chunk with index <c>[]</c>.
/// </summary>
internal static class ChunkLayout
{
    /// <summary>The product of <paramref name="values"/> (1 when empty); throws on overflow.</summary>
    public static long Product(ReadOnlySpan<long> values)
    {
        var product = 1L;
        foreach (var value in values)
        {
            product = checked(product * value);
        }

        return product;
    }

    /// <summary>True when ranks agree and <c>[start, start+count)</c> lies inside <paramref name="shape"/>.</summary>
    public static bool BoxFits(ReadOnlySpan<long> shape, ReadOnlySpan<long> start, ReadOnlySpan<long> count)
    {
        if (start.Length != shape.Length || count.Length != shape.Length)
        {
            return false;
        }

        for (var d = 0; d < shape.Length; d++)
        {
            // Written as a subtraction so that huge values cannot overflow into a false "fits".
            if (start[d] < 0 || count[d] < 0 || start[d] > shape[d] || count[d] > shape[d] - start[d])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Number of chunks along each dimension (0 along a zero-length dimension).</summary>
    public static long[] ChunkCounts(long[] shape, long[] chunkShape)
    {
        var counts = new long[shape.Length];
        for (var d = 0; d < shape.Length; d++)
        {
            counts[d] = (shape[d] + chunkShape[d] - 1) / chunkShape[d];
        }

        return counts;
    }

    /// <summary>
    /// The chunks that the box <c>[start, start+count)</c> touches, in C order of chunk index. An
    /// empty box touches none; a 0-d box touches the single chunk.
    /// </summary>
    public static IEnumerable<ChunkRegion> Intersect(long[] start, long[] count, long[] chunkShape)
    {
        var rank = start.Length;
        if (count.Length != rank || chunkShape.Length != rank)
        {
            throw new ArgumentException("start, count and chunk shape must have the same rank.");
        }

        if (count.Any(c => c == 0))
        {
            return [];
        }

        var first = new long[rank];
        var last = new long[rank];
        for (var d = 0; d < rank; d++)
        {
            first[d] = start[d] / chunkShape[d];
            last[d] = (start[d] + count[d] - 1) / chunkShape[d];
        }

        return Enumerate(start, count, chunkShape, first, last);
    }

    /// <summary>
    /// True when <paramref name="region"/> covers every element of its chunk that lies inside
    /// <paramref name="shape"/>, so the chunk can be rebuilt without reading what is stored.
    /// </summary>
    public static bool CoversChunkWithinShape(ChunkRegion region, long[] chunkShape, long[] shape)
    {
        for (var d = 0; d < chunkShape.Length; d++)
        {
            var inShape = Math.Min(chunkShape[d], shape[d] - (region.ChunkIndex[d] * chunkShape[d]));
            if (region.ChunkOffset[d] != 0 || region.Count[d] < inShape)
            {
                return false;
            }
        }

        return true;
    }

    private static IEnumerable<ChunkRegion> Enumerate(long[] start, long[] count, long[] chunkShape, long[] first, long[] last)
    {
        var rank = start.Length;
        var index = (long[])first.Clone();
        while (true)
        {
            yield return RegionOf(index, start, count, chunkShape);

            // Odometer: advance the innermost dimension, carrying outwards.
            var d = rank - 1;
            while (d >= 0 && index[d] == last[d])
            {
                index[d] = first[d];
                d--;
            }

            if (d < 0)
            {
                yield break;
            }

            index[d]++;
        }
    }

    private static ChunkRegion RegionOf(long[] index, long[] start, long[] count, long[] chunkShape)
    {
        var rank = index.Length;
        var chunkOffset = new long[rank];
        var boxOffset = new long[rank];
        var length = new long[rank];
        for (var d = 0; d < rank; d++)
        {
            var chunkStart = index[d] * chunkShape[d];
            var lo = Math.Max(start[d], chunkStart);
            var hi = Math.Min(start[d] + count[d], chunkStart + chunkShape[d]);
            chunkOffset[d] = lo - chunkStart;
            boxOffset[d] = lo - start[d];
            length[d] = hi - lo;
        }

        return new ChunkRegion((long[])index.Clone(), chunkOffset, boxOffset, length);
    }
}
