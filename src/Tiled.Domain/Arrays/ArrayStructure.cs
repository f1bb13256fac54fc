using System.Numerics;
using System.Text.Json.Nodes;
using Tiled.Formats.DataTypes;

namespace Tiled.Domain.Arrays;

/// <summary>
/// Structure of an n-dimensional array node: element type, shape, chunk lengths per dimension
/// (each dimension's chunks sum to its shape), optional dimension names. Immutable; geometry
/// operations return new instances. Instances made by <see cref="Create"/> or <see cref="FromJson"/>
/// are validated and have a regular chunk grid.
/// </summary>
public sealed record ArrayStructure(DataType DataType, long[] Shape, long[][] Chunks, string[]? Dims = null, bool Resizable = false)
{
    /// <summary>The most dimensions an array may have: numpy's limit (<c>NPY_MAXDIMS</c>).</summary>
    public const int MaxRank = 64;

    /// <summary>The largest chunk in bytes: a chunk is read and written as one buffer in memory.</summary>
    public static long MaxChunkBytes => Array.MaxLength;

    public int Rank => Shape.Length;

    /// <summary>Number of elements: the product of the shape (1 for a 0-d array).</summary>
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);

    public long ByteCount => ElementCount * DataType.ItemSize;

    /// <summary>
    /// A validated structure: positive item size, at most <see cref="MaxRank"/> dimensions,
    /// non-negative shape, chunks that sum to the shape (returned as the regular grid of their first
    /// chunk lengths), dims of the same rank when given, and sizes that fit: the whole array's bytes
    /// in a <see cref="long"/>, one chunk's in <see cref="MaxChunkBytes"/>.
    /// Throws <see cref="InvalidStructureException"/>.
    /// </summary>
    public static ArrayStructure Create(DataType dataType, long[] shape, long[][] chunks, string[]? dims)
    {
        if (dataType.ItemSize <= 0)
        {
            throw new InvalidStructureException($"Item size {dataType.ItemSize} must be positive.");
        }

        if (shape.Length > MaxRank)
        {
            throw new InvalidStructureException($"Shape has {shape.Length} dimensions; an array may have at most {MaxRank}.");
        }

        var grid = ChunkGrid.Normalize(shape, chunks);
        RequireSizesFit(dataType.ItemSize, shape, grid);
        if (dims is not null && dims.Length != shape.Length)
        {
            throw new InvalidStructureException(
                $"dims has {dims.Length} names but shape {PyTuple.Format(shape)} has {shape.Length} dimensions.");
        }

        return new ArrayStructure(dataType, [.. shape], grid, dims is null ? null : [.. dims]);
    }

    /// <summary>
    /// Tiled pads an offset shorter than the rank with trailing zeros. Throws
    /// <see cref="InvalidPatchException"/> when it is longer than the rank or has a negative value.
    /// </summary>
    public static long[] PadOffset(long[] offset, int rank)
    {
        if (offset.Length > rank)
        {
            throw new InvalidPatchException(
                $"Offset {PyTuple.Format(offset)} has {offset.Length} dimensions but the array has {rank}.");
        }

        if (offset.Any(value => value < 0))
        {
            throw new InvalidPatchException($"Offset {PyTuple.Format(offset)} must not be negative.");
        }

        var padded = new long[rank];
        offset.CopyTo(padded, 0);
        return padded;
    }

    /// <summary>
    /// The structure after writing a block of <paramref name="patchShape"/> at <paramref name="offset"/>
    /// (zero-padded). Inside the shape: this same instance. Outside: throws
    /// <see cref="BlockDoesNotFitException"/> unless <paramref name="extend"/>, which grows each
    /// dimension to fit (never shrinks) and re-derives a regular grid with the current chunk sizes.
    /// Rank or sign problems throw <see cref="InvalidPatchException"/>; an extended shape too large to
    /// address, <see cref="InvalidStructureException"/>.
    /// </summary>
    public ArrayStructure Patch(long[] offset, long[] patchShape, bool extend)
    {
        var start = PadOffset(offset, Rank);
        if (patchShape.Length != Rank || patchShape.Any(value => value < 0))
        {
            throw new InvalidPatchException(
                $"Patch shape {PyTuple.Format(patchShape)} must have {Rank} non-negative lengths, one per array dimension.");
        }

        var end = new long[Rank];
        for (var d = 0; d < Rank; d++)
        {
            end[d] = start[d] <= long.MaxValue - patchShape[d]
                ? start[d] + patchShape[d]
                : throw new InvalidPatchException($"Offset plus patch shape overflows in dimension {d}.");
        }

        if (end.Zip(Shape).All(pair => pair.First <= pair.Second))
        {
            return this;
        }

        if (!extend)
        {
            throw new BlockDoesNotFitException(
                $"Patch of shape {PyTuple.Format(patchShape)} at offset {PyTuple.Format(start)} " +
                $"does not fit the array of shape {PyTuple.Format(Shape)}.");
        }

        var newShape = end.Zip(Shape, Math.Max).ToArray();
        var grid = ChunkGrid.Regular(newShape, ChunkGrid.ChunkSize(Chunks));
        RequireSizesFit(DataType.ItemSize, newShape, grid);
        return this with { Shape = newShape, Chunks = grid };
    }

    private static void RequireSizesFit(int itemSize, long[] shape, long[][] grid)
    {
        var bytes = shape.Aggregate(new BigInteger(itemSize), (product, n) => product * n);
        if (bytes > long.MaxValue)
        {
            throw new InvalidStructureException(
                $"Shape {PyTuple.Format(shape)} of {itemSize}-byte items would hold {bytes} bytes; an array may hold at most {long.MaxValue}.");
        }

        var chunk = ChunkGrid.ChunkSize(grid);
        var chunkBytes = chunk.Aggregate(new BigInteger(itemSize), (product, n) => product * n);
        if (chunkBytes > MaxChunkBytes)
        {
            throw new InvalidStructureException(
                $"Chunks of {PyTuple.Format(chunk)} {itemSize}-byte items would hold {chunkBytes} bytes; a chunk may hold at most {MaxChunkBytes}.");
        }
    }

    /// <summary>
    /// Throws <see cref="PayloadSizeMismatchException"/> unless <paramref name="length"/> equals
    /// prod(<paramref name="shape"/>) × item size.
    /// </summary>
    public void RequirePayloadLength(long length, long[] shape)
    {
        var expected = shape.Aggregate(new BigInteger(DataType.ItemSize), (product, n) => product * n);
        if (length != expected)
        {
            throw new PayloadSizeMismatchException(
                $"Expected {expected} bytes (shape {PyTuple.Format(shape)} × {DataType.ItemSize} bytes per item) " +
                $"but received {length} bytes.");
        }
    }

    /// <summary>Tiled's structure JSON: <c>data_type, chunks, shape, dims (null or list), resizable</c>.</summary>
    public JsonObject ToJson() => ArrayStructureJson.ToJson(this);

    /// <summary>Parses and validates Tiled's structure JSON; throws <see cref="InvalidStructureException"/>.</summary>
    public static ArrayStructure FromJson(JsonNode? node) => ArrayStructureJson.FromJson(node);
}
