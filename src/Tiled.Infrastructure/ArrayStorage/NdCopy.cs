namespace Tiled.Infrastructure.ArrayStorage;

/// <summary>
/// Copies an n-dimensional box between two C-order byte buffers of different shapes, one
/// contiguous run (<see cref="BoxRuns"/>) at a time, so a whole-buffer copy is a single
/// <see cref="Span{T}.CopyTo(Span{T})"/>.
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
        if (count.Any(c => c == 0))
        {
            return;
        }

        var runs = new BoxRuns(sourceShape, sourceStart, destinationShape, destinationStart, count, itemSize);
        while (runs.MoveNext(out var s, out var t))
        {
            source.Slice((int)s, runs.RunLength).CopyTo(destination.Slice((int)t, runs.RunLength));
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
}
