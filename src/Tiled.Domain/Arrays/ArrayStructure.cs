using Tiled.Formats.DataTypes;

namespace Tiled.Domain.Arrays;

/// <summary>
/// Structure of an n-dimensional array node: element type, shape, chunk lengths per dimension
/// (each dimension's chunks sum to its shape), optional dimension names. Immutable; geometry
/// operations return new instances.
/// </summary>
public sealed record ArrayStructure(DataType DataType, long[] Shape, long[][] Chunks, string[]? Dims = null, bool Resizable = false)
{
    public int Rank => Shape.Length;

    /// <summary>Number of elements: the product of the shape (1 for a 0-d array).</summary>
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);

    public long ByteCount => ElementCount * DataType.ItemSize;
}
