namespace Tiled.UnitTests.Domain.Arrays;

/// <summary>
/// Naive element-by-element reference implementations for slice tests: Python's
/// <c>range(n)[start:stop:step]</c> by filtering, box extraction and gathering by multi-index.
/// </summary>
internal static class SliceReference
{
    /// <summary>The indices Python selects, found by testing every index rather than by arithmetic.</summary>
    public static long[] Indices(long n, long? start, long? stop, long? step)
    {
        var s = step ?? 1;
        if (s > 0)
        {
            var first = start is null ? 0 : start < 0 ? Math.Max(start.Value + n, 0) : Math.Min(start.Value, n);
            var end = stop is null ? n : stop < 0 ? Math.Max(stop.Value + n, 0) : Math.Min(stop.Value, n);
            return Range(0, n).Where(i => i >= first && i < end && (i - first) % s == 0).ToArray();
        }

        var top = start is null ? n - 1 : start < 0 ? start.Value + n : Math.Min(start.Value, n - 1);
        var bottom = stop is null ? -1 : stop < 0 ? Math.Max(stop.Value + n, -1) : Math.Min(stop.Value, n - 1);
        return Range(0, n).Reverse().Where(i => i <= top && i > bottom && (top - i) % s == 0).ToArray();
    }

    /// <summary>The C-order bytes of every element whose multi-index is in the product of <paramref name="indices"/>.</summary>
    public static byte[] Gather(byte[] array, long[] shape, long[][] indices, int itemSize)
    {
        var output = new List<byte>();
        foreach (var index in Product(indices))
        {
            var flat = 0L;
            for (var d = 0; d < shape.Length; d++)
            {
                flat = (flat * shape[d]) + index[d];
            }

            output.AddRange(array.Skip((int)(flat * itemSize)).Take(itemSize));
        }

        return [.. output];
    }

    /// <summary>The C-order bytes of the box [start, start+count).</summary>
    public static byte[] Box(byte[] array, long[] shape, long[] start, long[] count, int itemSize) =>
        Gather(array, shape, start.Zip(count, (s, c) => Range(s, c).ToArray()).ToArray(), itemSize);

    /// <summary>An array whose element bytes are distinct-looking values, so misplaced bytes are noticed.</summary>
    public static byte[] Numbered(long[] shape, int itemSize)
    {
        var count = shape.Aggregate(1L, (a, b) => a * b) * itemSize;
        return Range(0, count).Select(i => (byte)((i * 7) + (i / 251))).ToArray();
    }

    private static IEnumerable<long> Range(long start, long count)
    {
        for (var i = 0L; i < count; i++)
        {
            yield return start + i;
        }
    }

    private static IEnumerable<long[]> Product(long[][] indices)
    {
        IEnumerable<long[]> result = [[]];
        return indices.Aggregate(result, (acc, dim) => acc.SelectMany(prefix => dim.Select(i => (long[])[.. prefix, i])));
    }
}
