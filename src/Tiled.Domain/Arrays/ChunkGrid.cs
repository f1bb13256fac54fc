namespace Tiled.Domain.Arrays;

/// <summary>
/// Pure arithmetic on chunk grids: per dimension, the list of chunk lengths that sum to the
/// dimension's length. Grids returned here are regular (equal chunks plus a smaller remainder), as
/// Zarr v2 stores them; a zero-length dimension has the single chunk <c>[0]</c>.
/// </summary>
public static class ChunkGrid
{
    /// <summary>Upper bound on the number of chunks along one dimension, so a grid stays a small list.</summary>
    public const long MaxChunksPerDimension = 1_000_000;

    /// <summary>
    /// Checks that <paramref name="chunks"/> fits <paramref name="shape"/> (same rank, positive chunks
    /// summing to each length; <c>[0]</c> or <c>[]</c> for a zero-length dimension) and returns the
    /// regular grid built from each dimension's first chunk. Throws <see cref="InvalidStructureException"/>.
    /// </summary>
    public static long[][] Normalize(long[] shape, long[][] chunks)
    {
        RequireShape(shape);
        if (chunks.Length != shape.Length)
        {
            throw new InvalidStructureException(
                $"chunks has {chunks.Length} dimensions but shape {PyTuple.Format(shape)} has {shape.Length}.");
        }

        var chunkSize = new long[shape.Length];
        for (var d = 0; d < shape.Length; d++)
        {
            chunkSize[d] = CheckDimension(d, shape[d], chunks[d]);
        }

        return Regular(shape, chunkSize);
    }

    /// <summary>
    /// The regular grid of <paramref name="shape"/> with the given positive chunk length per
    /// dimension: full chunks plus the remainder; <c>[0]</c> for a zero-length dimension.
    /// </summary>
    public static long[][] Regular(long[] shape, long[] chunkSize)
    {
        RequireShape(shape);
        if (chunkSize.Length != shape.Length)
        {
            throw new InvalidStructureException(
                $"Chunk size has {chunkSize.Length} dimensions but shape {PyTuple.Format(shape)} has {shape.Length}.");
        }

        var grid = new long[shape.Length][];
        for (var d = 0; d < shape.Length; d++)
        {
            var (length, size) = (shape[d], chunkSize[d]);
            if (size <= 0)
            {
                throw new InvalidStructureException($"Chunk size {size} of dimension {d} must be positive.");
            }

            var full = length / size;
            var remainder = length % size;
            var count = full + (remainder > 0 ? 1 : 0);
            if (count > MaxChunksPerDimension)
            {
                throw new InvalidStructureException(
                    $"Dimension {d} of length {length} would need {count} chunks of {size}; the limit is {MaxChunksPerDimension}.");
            }

            grid[d] = length == 0 ? [0] : new long[count];
            Array.Fill(grid[d], size, 0, (int)full);
            if (remainder > 0)
            {
                grid[d][^1] = remainder;
            }
        }

        return grid;
    }

    /// <summary>
    /// The regular chunk length of each dimension (its first chunk). A dimension whose only chunk is
    /// 0 (or that has none) gives 1, because Zarr needs positive chunk sizes.
    /// </summary>
    public static long[] ChunkSize(long[][] chunks) =>
        chunks.Select(dim => dim.Length > 0 && dim[0] > 0 ? dim[0] : 1).ToArray();

    /// <summary>
    /// Start offset and shape of block <paramref name="block"/> (one chunk index per dimension).
    /// Throws <see cref="InvalidBlockException"/> for a wrong rank or an index outside the grid.
    /// A 0-d array has the single block <c>[]</c>, giving empty start and count.
    /// </summary>
    public static (long[] Start, long[] Count) Block(long[][] chunks, long[] block)
    {
        if (block.Length != chunks.Length)
        {
            throw new InvalidBlockException(
                $"Block index {PyTuple.Format(block)} has {block.Length} dimensions but the array has {chunks.Length}.");
        }

        var start = new long[block.Length];
        var count = new long[block.Length];
        for (var d = 0; d < block.Length; d++)
        {
            var index = block[d];
            if (index < 0 || index >= chunks[d].Length)
            {
                throw new InvalidBlockException(
                    $"Block index {index} is out of range for dimension {d}, which has {chunks[d].Length} chunks.");
            }

            for (var i = 0; i < index; i++)
            {
                start[d] += chunks[d][i];
            }

            count[d] = chunks[d][index];
        }

        return (start, count);
    }

    private static void RequireShape(long[] shape)
    {
        if (shape.Any(length => length < 0))
        {
            throw new InvalidStructureException($"Shape {PyTuple.Format(shape)} has a negative length.");
        }
    }

    private static long CheckDimension(int d, long length, long[] chunks)
    {
        if (length == 0 && chunks.All(c => c == 0) && chunks.Length <= 1)
        {
            return 1;
        }

        if (chunks.Length == 0 || chunks.Any(c => c <= 0))
        {
            throw new InvalidStructureException(
                $"Chunks {PyTuple.Format(chunks)} of dimension {d} must be positive lengths.");
        }

        var remaining = length;
        foreach (var c in chunks)
        {
            remaining = c > remaining ? -1 : remaining - c; // -1 sticks: too long, and no overflow
        }

        if (remaining != 0)
        {
            throw new InvalidStructureException(
                $"Chunks {PyTuple.Format(chunks)} of dimension {d} do not sum to its length {length}.");
        }

        return chunks[0];
    }
}
