namespace Tiled.Domain.Arrays;

/// <summary>
/// A slice resolved against a shape: per dimension what is selected, the shape of the result, and
/// the smallest box of the array holding every selected element (to read it in one piece).
/// <see cref="Select"/> turns the box's C-order bytes into the result's C-order bytes.
/// </summary>
public sealed class ResolvedSlice
{
    internal ResolvedSlice(DimSelection[] dimensions)
    {
        Dimensions = dimensions;
        ResultShape = [.. dimensions.Where(d => d.Keep).Select(d => d.Count)];
        BoxStart = [.. dimensions.Select(d => d.Count == 0 ? 0 : Math.Min(d.Start, Last(d)))];
        BoxCount = [.. dimensions.Select(d => d.Count == 0 ? 0 : Math.Abs(Last(d) - d.Start) + 1)];
        IsWholeBox = dimensions.All(d => d.Step == 1 || d.Count <= 1);
    }

    /// <summary>One entry per array dimension, in order.</summary>
    public IReadOnlyList<DimSelection> Dimensions { get; }

    /// <summary>The result's shape: the counts of the kept (not integer-indexed) dimensions.</summary>
    public long[] ResultShape { get; }

    /// <summary>First index of the box per dimension (0 where nothing is selected).</summary>
    public long[] BoxStart { get; }

    /// <summary>Length of the box per dimension; 0 where nothing is selected, and then the box is empty.</summary>
    public long[] BoxCount { get; }

    /// <summary>True when the selection is exactly the box in C order, so its bytes need no copying.</summary>
    public bool IsWholeBox { get; }

    /// <summary>Number of selected elements.</summary>
    public long ElementCount => Dimensions.Aggregate(1L, (product, d) => product * d.Count);

    /// <summary>
    /// The C-order bytes of the selection, given the C-order bytes of the box
    /// (<c>prod(BoxCount) × itemSize</c> long, else <see cref="ArgumentException"/>).
    /// </summary>
    public byte[] Select(ReadOnlySpan<byte> box, int itemSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(itemSize);
        var boxLength = BoxCount.Aggregate((long)itemSize, (product, n) => product * n);
        if (box.Length != boxLength)
        {
            throw new ArgumentException($"The box has {box.Length} bytes; expected {boxLength}.", nameof(box));
        }

        if (IsWholeBox || boxLength == 0)
        {
            return box.ToArray();
        }

        return new SliceCopier(this, itemSize).Copy(box);
    }

    private static long Last(DimSelection d) => d.Start + ((d.Count - 1) * d.Step);
}
