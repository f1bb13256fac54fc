using System.Buffers.Binary;
using Tiled.Formats.DataTypes;

namespace Tiled.Formats.ArrayText;

/// <summary>Decodes single elements of a C-order array buffer according to a <see cref="DataType"/>, honouring its byte order.</summary>
internal readonly struct ArrayElementCodec
{
    private ArrayElementCodec(ArrayElementType type, int itemSize, bool bigEndian)
    {
        Type = type;
        ItemSize = itemSize;
        BigEndian = bigEndian;
    }

    public ArrayElementType Type { get; }

    public int ItemSize { get; }

    public bool BigEndian { get; }

    public bool IsComplex => Type is ArrayElementType.Complex64 or ArrayElementType.Complex128;

    /// <summary>Picks the decoding for <paramref name="dtype"/>; throws <see cref="NotSupportedException"/> for kinds and sizes that have no text form.</summary>
    public static ArrayElementCodec For(DataType dtype)
    {
        ArgumentNullException.ThrowIfNull(dtype);
        var type = (dtype.Kind, dtype.ItemSize) switch
        {
            ('b', 1) => ArrayElementType.Bool,
            ('i', 1) => ArrayElementType.Int8,
            ('i', 2) => ArrayElementType.Int16,
            ('i', 4) => ArrayElementType.Int32,
            ('i', 8) => ArrayElementType.Int64,
            ('u', 1) => ArrayElementType.UInt8,
            ('u', 2) => ArrayElementType.UInt16,
            ('u', 4) => ArrayElementType.UInt32,
            ('u', 8) => ArrayElementType.UInt64,
            ('f', 2) => ArrayElementType.Float16,
            ('f', 4) => ArrayElementType.Float32,
            ('f', 8) => ArrayElementType.Float64,
            ('c', 8) => ArrayElementType.Complex64,
            ('c', 16) => ArrayElementType.Complex128,
            ('M', 8) => ArrayElementType.DateTime,
            ('m', 8) => ArrayElementType.TimeDelta,
            ('S', > 0) => ArrayElementType.Bytes,
            ('U', > 0) when dtype.ItemSize % 4 == 0 => ArrayElementType.Unicode,
            ('V', _) => throw new NotSupportedException("Arrays of raw (void) elements have no text form."),
            _ => throw new NotSupportedException($"Arrays of data type {dtype.ToNumpyString()} have no text form."),
        };
        return new ArrayElementCodec(type, dtype.ItemSize, dtype.Endianness == Endianness.Big);
    }

    /// <summary>Checks that <paramref name="data"/> holds exactly the elements of <paramref name="shape"/>, and returns their count.</summary>
    public long CheckLength(ReadOnlySpan<byte> data, long[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long count = 1;
        foreach (var extent in shape)
        {
            if (extent < 0)
            {
                throw new ArgumentException($"Shape [{string.Join(", ", shape)}] has a negative extent.", nameof(shape));
            }

            count = extent > long.MaxValue / Math.Max(count, 1) ? long.MaxValue : count * extent;
        }

        if (count > data.Length / ItemSize || count * ItemSize != data.Length)
        {
            throw new ArgumentException(
                $"Shape [{string.Join(", ", shape)}] with {ItemSize}-byte elements needs a different length than the {data.Length} bytes given.",
                nameof(data));
        }

        return count;
    }

    public bool ReadBool(ReadOnlySpan<byte> item) => item[0] != 0;

    /// <summary>Signed integers, and the int64 tick count of datetime64/timedelta64.</summary>
    public long ReadInt64(ReadOnlySpan<byte> item) => Type switch
    {
        ArrayElementType.Int8 => unchecked((sbyte)item[0]),
        ArrayElementType.Int16 => BigEndian ? BinaryPrimitives.ReadInt16BigEndian(item) : BinaryPrimitives.ReadInt16LittleEndian(item),
        ArrayElementType.Int32 => BigEndian ? BinaryPrimitives.ReadInt32BigEndian(item) : BinaryPrimitives.ReadInt32LittleEndian(item),
        _ => BigEndian ? BinaryPrimitives.ReadInt64BigEndian(item) : BinaryPrimitives.ReadInt64LittleEndian(item),
    };

    public ulong ReadUInt64(ReadOnlySpan<byte> item) => Type switch
    {
        ArrayElementType.UInt8 => item[0],
        ArrayElementType.UInt16 => BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(item) : BinaryPrimitives.ReadUInt16LittleEndian(item),
        ArrayElementType.UInt32 => BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(item) : BinaryPrimitives.ReadUInt32LittleEndian(item),
        _ => BigEndian ? BinaryPrimitives.ReadUInt64BigEndian(item) : BinaryPrimitives.ReadUInt64LittleEndian(item),
    };

    /// <summary>The real value of a float element (<paramref name="part"/> 0), or the real (0) or imaginary (1) part of a complex one.</summary>
    public double ReadReal(ReadOnlySpan<byte> item, int part) => Type switch
    {
        ArrayElementType.Float16 => (double)ReadHalf(item),
        ArrayElementType.Float32 or ArrayElementType.Complex64 => ReadSingle(item.Slice(part * 4, 4)),
        _ => ReadDouble(item.Slice(part * 8, 8)),
    };

    /// <summary>Writes a float element or complex part as numpy's <c>str()</c> does, at its own precision.</summary>
    public int FormatReal(ReadOnlySpan<byte> item, int part, Span<char> destination) => Type switch
    {
        ArrayElementType.Float16 => NumpyFloatFormat.Format(ReadHalf(item), destination),
        ArrayElementType.Float32 or ArrayElementType.Complex64 => NumpyFloatFormat.Format(ReadSingle(item.Slice(part * 4, 4)), destination),
        _ => NumpyFloatFormat.Format(ReadDouble(item.Slice(part * 8, 8)), destination),
    };

    private Half ReadHalf(ReadOnlySpan<byte> item) =>
        BigEndian ? BinaryPrimitives.ReadHalfBigEndian(item) : BinaryPrimitives.ReadHalfLittleEndian(item);

    private float ReadSingle(ReadOnlySpan<byte> item) =>
        BigEndian ? BinaryPrimitives.ReadSingleBigEndian(item) : BinaryPrimitives.ReadSingleLittleEndian(item);

    private double ReadDouble(ReadOnlySpan<byte> item) =>
        BigEndian ? BinaryPrimitives.ReadDoubleBigEndian(item) : BinaryPrimitives.ReadDoubleLittleEndian(item);
}
