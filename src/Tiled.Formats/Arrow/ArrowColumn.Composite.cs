using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;

namespace Tiled.Formats.Arrow;

/// <summary>Columns with child columns (list, struct) or a dictionary, decimal values, and the checks every builder shares.</summary>
public sealed partial class ArrowColumn
{
    /// <summary>The child columns of a list (one: the items) or a struct (one per field); empty otherwise.</summary>
    public IReadOnlyList<ArrowColumn> Children { get; }

    /// <summary>The distinct values a dictionary column's indices point into; null otherwise.</summary>
    public ArrowColumn? Dictionary { get; }

    /// <summary>
    /// Builds a list column (int32 <paramref name="offsets"/> into its one child) or a struct column
    /// (<paramref name="offsets"/> empty; every child at least <paramref name="length"/> long) over
    /// existing buffers, and checks them as <see cref="FromBuffers"/> does.
    /// </summary>
    public static ArrowColumn FromChildren(
        ArrowType type, int length, int nullCount, ReadOnlyMemory<byte> validity, ReadOnlyMemory<byte> offsets, IReadOnlyList<ArrowColumn> children)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(children);
        if (!type.IsNested)
        {
            throw new ArgumentException($"A {type} column has no children.", nameof(type));
        }

        validity = CheckedValidity(type, length, nullCount, validity);
        if (children.Count != type.Children.Count)
        {
            throw new ArrowFormatException($"A {type} column needs {type.Children.Count} child columns but has {children.Count}.");
        }

        for (var i = 0; i < children.Count; i++)
        {
            if (!children[i].Type.Equals(type.Children[i].Type))
            {
                throw new ArrowFormatException($"Child '{type.Children[i].Name}' of a {type} column is {children[i].Type}.");
            }

            if (type.Id == ArrowTypeId.Struct && children[i].Length < length)
            {
                throw new ArrowFormatException($"Child '{type.Children[i].Name}' of a struct column of length {length} has only {children[i].Length} values.");
            }
        }

        if (type.Id == ArrowTypeId.List)
        {
            ArrowOffsets.Check(type, length, offsets.Span, children[0].Length);
        }
        else
        {
            offsets = ReadOnlyMemory<byte>.Empty;
        }

        return new ArrowColumn(type, length, nullCount, validity, offsets, ReadOnlyMemory<byte>.Empty, 0, [.. children]);
    }

    /// <summary>
    /// Builds a dictionary column: <paramref name="indices"/> of the type's index type, each valid
    /// one inside <paramref name="dictionary"/>, checked as <see cref="FromBuffers"/> does.
    /// </summary>
    public static ArrowColumn FromDictionary(
        ArrowType type, int length, int nullCount, ReadOnlyMemory<byte> validity, ReadOnlyMemory<byte> indices, ArrowColumn dictionary)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(dictionary);
        if (type.Id != ArrowTypeId.Dictionary)
        {
            throw new ArgumentException($"A {type} column has no dictionary.", nameof(type));
        }

        if (!dictionary.Type.Equals(type.ValueType))
        {
            throw new ArrowFormatException($"A {type} column has a dictionary of {dictionary.Type}.");
        }

        validity = CheckedValidity(type, length, nullCount, validity);
        CheckValuesLength(type, length, indices);
        var column = new ArrowColumn(type, length, nullCount, validity, ReadOnlyMemory<byte>.Empty, indices, 0, dictionary: dictionary);
        for (var i = 0; i < length; i++)
        {
            if (column.IsValid(i) && (ulong)column.GetDictionaryIndex(i) >= (ulong)dictionary.Length)
            {
                throw new ArrowFormatException($"Value {i} of a {type} column points at entry {column.GetDictionaryIndex(i)} of a {dictionary.Length}-entry dictionary.");
            }
        }

        return column;
    }

    /// <summary>A column of <paramref name="type"/> without values.</summary>
    public static ArrowColumn Empty(ArrowType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Id switch
        {
            ArrowTypeId.Dictionary => FromDictionary(type, 0, 0, default, default, Empty(type.ValueType!)),
            ArrowTypeId.List or ArrowTypeId.Struct => FromChildren(type, 0, 0, default, default, [.. type.Children.Select(c => Empty(c.Type))]),
            _ => FromBuffers(type, 0, 0, default, default, default),
        };
    }

    /// <summary>
    /// One column of all the values of <paramref name="parts"/> (one type), in order, in new buffers
    /// (Apache.Arrow's concatenation); a single part is returned as it is.
    /// </summary>
    public static ArrowColumn Concat(IReadOnlyList<ArrowColumn> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 1)
        {
            return parts[0];
        }

        var type = parts.Count > 0 ? parts[0].Type : throw new ArgumentException("There is nothing to concatenate.", nameof(parts));
        if (parts.Any(p => !p.Type.Equals(type)))
        {
            throw new ArgumentException($"Only columns of one type concatenate; the first is {type}.", nameof(parts));
        }

        if (type.Id == ArrowTypeId.Dictionary)
        {
            return ConcatDictionaries(type, parts);
        }

        var arrays = parts.Select(p => Apache.Arrow.ArrowArrayFactory.BuildArray(Ipc.ApacheColumns.ToApache(p))).ToList();
        // Into managed arrays: the library's default allocator is native memory, freed when its array is
        // released, while the column returned shares the buffers.
        var joined = Apache.Arrow.ArrowArrayConcatenator.Concatenate(arrays, new Ipc.BoundedAllocator(long.MaxValue));
        return Ipc.ApacheColumns.FromApache(type, joined.Data);
    }

    // Apache.Arrow's concatenation drops dictionaries: join them, and shift each part's indices past the earlier ones.
    private static ArrowColumn ConcatDictionaries(ArrowType type, IReadOnlyList<ArrowColumn> parts)
    {
        var indexType = type.IndexType!;
        var width = indexType.BitWidth / 8;
        var largest = indexType.IsSigned ? (1UL << (indexType.BitWidth - 1)) - 1 : ulong.MaxValue >> (64 - indexType.BitWidth);
        var length = checked(parts.Sum(p => p.Length));
        var nulls = parts.Sum(p => p.NullCount);
        var indices = new byte[checked(length * width)];
        var validity = nulls == 0 ? [] : new byte[ArrowBitmap.ByteLength(length)];
        var row = 0;
        var shift = 0L;
        foreach (var part in parts)
        {
            for (var i = 0; i < part.Length; i++, row++)
            {
                if (part.IsNull(i))
                {
                    continue;
                }

                var index = (ulong)(part.GetDictionaryIndex(i) + shift);
                if (index > largest)
                {
                    throw new ArrowNotSupportedException($"The joined dictionaries of a {type} column have more entries than {indexType} indices reach.");
                }

                WriteIndex(indices.AsSpan(row * width, width), index);
                if (validity.Length > 0)
                {
                    ArrowBitmap.Set(validity, row);
                }
            }

            shift += part.Dictionary!.Length;
        }

        return FromDictionary(type, length, nulls, validity, indices, Concat([.. parts.Select(p => p.Dictionary!)]));
    }

    private static void WriteIndex(Span<byte> slot, ulong index)
    {
        Span<byte> all = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(all, index);
        all[..slot.Length].CopyTo(slot);
    }

    /// <summary>The index of value <paramref name="index"/> of a dictionary column into <see cref="Dictionary"/>.</summary>
    public long GetDictionaryIndex(int index)
    {
        Require(Type.Id == ArrowTypeId.Dictionary, "dictionary");
        CheckIndex(index);
        var indexType = Type.IndexType!;
        var slot = Values.Span.Slice(index * (indexType.BitWidth / 8));
        return (indexType.BitWidth, indexType.IsSigned) switch
        {
            (8, true) => (sbyte)slot[0],
            (8, false) => slot[0],
            (16, true) => BinaryPrimitives.ReadInt16LittleEndian(slot),
            (16, false) => BinaryPrimitives.ReadUInt16LittleEndian(slot),
            (32, true) => BinaryPrimitives.ReadInt32LittleEndian(slot),
            (32, false) => BinaryPrimitives.ReadUInt32LittleEndian(slot),
            (64, true) => BinaryPrimitives.ReadInt64LittleEndian(slot),
            _ => (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(slot), long.MaxValue),
        };
    }

    /// <summary>The items of value <paramref name="index"/> of a list column: rows [Start, End) of <c>Children[0]</c>.</summary>
    public (int Start, int End) GetListRange(int index)
    {
        Require(Type.Id == ArrowTypeId.List, "list");
        CheckIndex(index);
        return ArrowOffsets.Range(Offsets.Span, Type.OffsetWidth, index);
    }

    /// <summary>The exact decimal text of a decimal128 or decimal256 value: "-12.50", or "300" at scale -2 (never an exponent).</summary>
    public string GetDecimalText(int index)
    {
        Require(Type.Id is ArrowTypeId.Decimal128 or ArrowTypeId.Decimal256, "decimal");
        CheckIndex(index);
        var width = Type.BitWidth / 8;
        var unscaled = new BigInteger(Values.Span.Slice(index * width, width), isUnsigned: false, isBigEndian: false);
        return DecimalText(unscaled, Type.Scale);
    }

    private static string DecimalText(BigInteger unscaled, int scale)
    {
        var digits = BigInteger.Abs(unscaled).ToString(CultureInfo.InvariantCulture);
        var sign = unscaled.Sign < 0 ? "-" : string.Empty;
        if (scale <= 0)
        {
            return sign + digits + new string('0', unscaled.IsZero ? 0 : -scale);
        }

        digits = digits.PadLeft(scale + 1, '0');
        return $"{sign}{digits[..^scale]}.{digits[^scale..]}";
    }

    private static ReadOnlyMemory<byte> CheckedValidity(ArrowType type, int length, int nullCount, ReadOnlyMemory<byte> validity)
    {
        if (length < 0 || nullCount < 0 || nullCount > length)
        {
            throw new ArrowFormatException($"A {type} column cannot have length {length} and null count {nullCount}.");
        }

        if (nullCount == 0)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        if (validity.Length < ArrowBitmap.ByteLength(length))
        {
            throw new ArrowFormatException($"The validity bitmap of a {type} column of length {length} has only {validity.Length} bytes.");
        }

        var unset = ArrowBitmap.CountUnset(validity.Span, 0, length);
        return unset == nullCount
            ? validity
            : throw new ArrowFormatException($"A {type} column declares {nullCount} nulls but its validity bitmap has {unset}.");
    }

    private static void CheckValuesLength(ArrowType type, int length, ReadOnlyMemory<byte> values)
    {
        var needed = type.Id == ArrowTypeId.Bool ? ArrowBitmap.ByteLength(length) : (long)length * (type.BitWidth / 8);
        if (values.Length < needed)
        {
            throw new ArrowFormatException($"The values of a {type} column of length {length} need {needed} bytes but have {values.Length}.");
        }
    }
}
