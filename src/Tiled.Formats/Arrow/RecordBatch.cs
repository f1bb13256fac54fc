using System.Collections.Immutable;

namespace Tiled.Formats.Arrow;

/// <summary>
/// A group of equal-length columns, in schema order. A batch does not carry its schema: readers
/// return it next to the schema, and writers check each batch against the schema they are given
/// (<see cref="ArrowSchema.CheckBatch"/>).
/// </summary>
public sealed class RecordBatch
{
    private readonly ImmutableArray<ArrowColumn> _columns;

    /// <summary>A batch of the given columns, which must all have the same length; at least one column.</summary>
    public RecordBatch(IEnumerable<ArrowColumn> columns)
        : this(-1, columns)
    {
    }

    /// <summary>A batch of <paramref name="length"/> rows; with no columns this is the only way to say how many rows there are.</summary>
    public RecordBatch(int length, IEnumerable<ArrowColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = [.. columns];
        if (_columns.Any(c => c is null))
        {
            throw new ArgumentException("A batch cannot hold a null column.", nameof(columns));
        }

        if (length < 0)
        {
            length = _columns.Length > 0
                ? _columns[0].Length
                : throw new ArgumentException("A batch without columns needs an explicit length.", nameof(columns));
        }

        var other = _columns.FirstOrDefault(c => c.Length != length);
        if (other is not null)
        {
            throw new ArgumentException($"Column {_columns.IndexOf(other)} has {other.Length} values but the batch has {length} rows.", nameof(columns));
        }

        Length = length;
    }

    /// <summary>Number of rows.</summary>
    public int Length { get; }

    public IReadOnlyList<ArrowColumn> Columns => _columns;

    /// <summary>The columns at <paramref name="indices"/>, in that order (see <see cref="ArrowSchema.Select"/>).</summary>
    public RecordBatch Select(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        return new RecordBatch(Length, indices.Select(i => _columns[i]));
    }

    /// <summary>Rows [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>), sharing this batch's buffers.</summary>
    public RecordBatch Slice(int start, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start, Length - length);
        return new RecordBatch(length, _columns.Select(c => c.Slice(start, length)));
    }
}
