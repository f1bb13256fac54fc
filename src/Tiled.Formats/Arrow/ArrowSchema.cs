using System.Collections.Immutable;

namespace Tiled.Formats.Arrow;

/// <summary>
/// The columns of a table (in order) and the table's custom metadata. Field names need not be
/// unique; <see cref="IndexOf"/> finds the first. Schemas compare by value (fields in order and
/// metadata pairs in order).
/// </summary>
public sealed class ArrowSchema : IEquatable<ArrowSchema>
{
    private readonly ImmutableArray<ArrowField> _fields;

    public ArrowSchema(IEnumerable<ArrowField> fields, ArrowMetadata? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        _fields = [.. fields];
        if (_fields.Any(f => f is null))
        {
            throw new ArgumentException("A schema cannot hold a null field.", nameof(fields));
        }

        Metadata = metadata ?? ArrowMetadata.Empty;
    }

    public IReadOnlyList<ArrowField> Fields => _fields;

    public ArrowMetadata Metadata { get; }

    /// <summary>The index of the first field called <paramref name="name"/> (ordinal), or -1.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < _fields.Length; i++)
        {
            if (string.Equals(_fields[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A schema with the fields at <paramref name="indices"/>, in that order, and the same metadata.</summary>
    public ArrowSchema Select(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        return new ArrowSchema(indices.Select(i => _fields[i]), Metadata);
    }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> unless <paramref name="batch"/> has one column per
    /// field, each of exactly the field's type (time zone included). Writers call this for every batch.
    /// </summary>
    public void CheckBatch(RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Columns.Count != _fields.Length)
        {
            throw new ArgumentException($"The batch has {batch.Columns.Count} columns but the schema has {_fields.Length} fields.", nameof(batch));
        }

        for (var i = 0; i < _fields.Length; i++)
        {
            if (batch.Columns[i].Type != _fields[i].Type)
            {
                throw new ArgumentException(
                    $"Column {i} ('{_fields[i].Name}') of the batch is {batch.Columns[i].Type} but the schema says {_fields[i].Type}.", nameof(batch));
            }
        }
    }

    public bool Equals(ArrowSchema? other) =>
        other is not null && _fields.AsSpan().SequenceEqual(other._fields.AsSpan()) && Metadata.Equals(other.Metadata);

    public override bool Equals(object? obj) => Equals(obj as ArrowSchema);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var field in _fields)
        {
            hash.Add(field);
        }

        hash.Add(Metadata);
        return hash.ToHashCode();
    }

    public override string ToString() => string.Join(", ", _fields);
}
