namespace Tiled.Infrastructure.ArrayStorage;

/// <summary>
/// Copies an n-dimensional box between two C-order byte buffers of different shapes, one
/// contiguous run at a time: trailing dimensions that both buffers cover completely are merged
/// into the run, so a whole-buffer copy is a single <see cref="Span{T}.CopyTo(Span{T})"/>.
/// </summary>
internal static class NdCopy
{
    /// <summary>
    /// Copies the box of <paramref name="count"/> elements at <paramref name="sourceStart"/> of
    /// <paramref name="source"/> (shape <paramref name="sourceShape"/>) to
    /// <paramref name="destinationStart"/> of <paramref name="destination"/>.
    /// </summary>
    public static void Copy(
        ReadOnlySpan<byte> source, long[] sourceShape, long[] sourceStart,
        Span<byte> destination, long[] destinationShape, long[] destinationStart,
        long[] count, int itemSize)
    {
        Check(source.Length, sourceShape, sourceStart, count, itemSize, nameof(source));
        Check(destination.Length, destinationShape, destinationStart, count, itemSize, nameof(destination));
        var rank = count.Length;
        if (rank == 0)
        {
            source[..itemSize].CopyTo(destination);
            return;
        }

        if (count.Any(c => c == 0))
        {
            return;
        }

        // Dimensions [outer, rank) form one contiguous run in both buffers.
        var outer = rank - 1;
        var run = count[outer] * itemSize;
        while (outer > 0 && count[outer] == sourceShape[outer] && count[outer] == destinationShape[outer])
        {
            outer--;
            run *= count[outer];
        }

        var sourceStrides = Strides(sourceShape, itemSize);
        var destinationStrides = Strides(destinationShape, itemSize);
        var sourceBase = Offset(sourceStart, sourceStrides);
        var destinationBase = Offset(destinationStart, destinationStrides);
        var runLength = checked((int)run);
        var index = new long[outer];
        while (true)
        {
            var s = sourceBase;
            var t = destinationBase;
            for (var d = 0; d < outer; d++)
            {
                s += index[d] * sourceStrides[d];
                t += index[d] * destinationStrides[d];
            }

            source.Slice((int)s, runLength).CopyTo(destination.Slice((int)t, runLength));

            var carry = outer - 1;
            while (carry >= 0 && index[carry] == count[carry] - 1)
            {
                index[carry] = 0;
                carry--;
            }

            if (carry < 0)
            {
                return;
            }

            index[carry]++;
        }
    }

    private static void Check(int length, long[] shape, long[] start, long[] count, int itemSize, string name)
    {
        if (!ChunkLayout.BoxFits(shape, start, count))
        {
            throw new ArgumentException("The box does not fit inside the buffer's shape.", name);
        }

        if (ChunkLayout.Product(shape) * itemSize != length)
        {
            throw new ArgumentException("The buffer's length does not match its shape.", name);
        }
    }

    private static long[] Strides(long[] shape, int itemSize)
    {
        var strides = new long[shape.Length];
        var stride = (long)itemSize;
        for (var d = shape.Length - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= shape[d];
        }

        return strides;
    }

    private static long Offset(long[] start, long[] strides)
    {
        var offset = 0L;
        for (var d = 0; d < start.Length; d++)
        {
            offset += start[d] * strides[d];
        }

        return offset;
    }
}
