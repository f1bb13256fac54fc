using System.Collections.Immutable;

namespace Tiled.Formats.Arrow;

/// <summary>Decimals, dictionaries, lists and structs: the types with parameters beyond a unit.</summary>
public sealed partial record ArrowType
{
    private ArrowType(ArrowTypeId id, int bitWidth, ImmutableArray<ArrowField> children)
        : this(id)
    {
        BitWidth = bitWidth;
        Children = children;
    }

    /// <summary>The number of decimal digits of a decimal type; 0 for every other type.</summary>
    public int Precision { get; private init; }

    /// <summary>The digits after the point of a decimal type (negative scales multiply); 0 for every other type.</summary>
    public int Scale { get; private init; }

    /// <summary>The integer type of a dictionary's indices; null for every other type.</summary>
    public ArrowType? IndexType { get; private init; }

    /// <summary>The type of a dictionary's values; null for every other type.</summary>
    public ArrowType? ValueType { get; private init; }

    /// <summary>Whether a dictionary's values are ordered (pandas' ordered categorical).</summary>
    public bool Ordered { get; private init; }

    /// <summary>The one item field of a list, or the fields of a struct; empty for every other type.</summary>
    public IReadOnlyList<ArrowField> Children { get; private init; } = ImmutableArray<ArrowField>.Empty;

    /// <summary>decimal128(precision, scale): precision 1 to 38.</summary>
    public static ArrowType Decimal128(int precision, int scale) => Decimal(ArrowTypeId.Decimal128, precision, scale, 38);

    /// <summary>decimal256(precision, scale): precision 1 to 76.</summary>
    public static ArrowType Decimal256(int precision, int scale) => Decimal(ArrowTypeId.Decimal256, precision, scale, 76);

    /// <summary>A dictionary of <paramref name="valueType"/> values indexed by the integer <paramref name="indexType"/>.</summary>
    public static ArrowType Dictionary(ArrowType indexType, ArrowType valueType, bool ordered = false)
    {
        ArgumentNullException.ThrowIfNull(indexType);
        ArgumentNullException.ThrowIfNull(valueType);
        if (!IsInteger(indexType.Id))
        {
            throw new ArgumentException($"Dictionary indices must be integers, not {indexType}.", nameof(indexType));
        }

        if (valueType.Id == ArrowTypeId.Dictionary)
        {
            throw new ArgumentException("Dictionary values cannot themselves be dictionary-encoded.", nameof(valueType));
        }

        return new ArrowType(ArrowTypeId.Dictionary, indexType.BitWidth, []) { IndexType = indexType, ValueType = valueType, Ordered = ordered };
    }

    /// <summary>A list of <paramref name="item"/> values (pyarrow names the field "item").</summary>
    public static ArrowType List(ArrowField item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new ArrowType(ArrowTypeId.List, 0, [item]);
    }

    /// <summary>A struct of <paramref name="fields"/>, in order.</summary>
    public static ArrowType Struct(IEnumerable<ArrowField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ImmutableArray<ArrowField> children = [.. fields];
        return children.Any(f => f is null)
            ? throw new ArgumentException("A struct cannot hold a null field.", nameof(fields))
            : new ArrowType(ArrowTypeId.Struct, 0, children);
    }

    public bool Equals(ArrowType? other) =>
        other is not null
        && Id == other.Id && Unit == other.Unit && string.Equals(TimeZone, other.TimeZone, StringComparison.Ordinal)
        && Precision == other.Precision && Scale == other.Scale && Ordered == other.Ordered
        && Equals(IndexType, other.IndexType) && Equals(ValueType, other.ValueType)
        && Children.SequenceEqual(other.Children);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Id);
        hash.Add(Unit);
        hash.Add(TimeZone, StringComparer.Ordinal);
        hash.Add(Precision);
        hash.Add(Scale);
        hash.Add(IndexType);
        hash.Add(ValueType);
        foreach (var child in Children)
        {
            hash.Add(child);
        }

        return hash.ToHashCode();
    }

    internal static bool IsInteger(ArrowTypeId id) => id is ArrowTypeId.Int8 or ArrowTypeId.Int16 or ArrowTypeId.Int32 or ArrowTypeId.Int64
        or ArrowTypeId.UInt8 or ArrowTypeId.UInt16 or ArrowTypeId.UInt32 or ArrowTypeId.UInt64;

    private static ArrowType Decimal(ArrowTypeId id, int precision, int scale, int maxPrecision)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(precision, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(precision, maxPrecision);
        return new ArrowType(id) { Precision = precision, Scale = scale };
    }
}
