using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Tiled.Formats.Arrow;

/// <summary>
/// One column of a record batch in Arrow's memory layout. Columns read from IPC bytes reference
/// slices of the input (zero-copy), so the input must not change while they are in use. Every
/// column is checked when it is built: buffers are long enough, offsets are non-decreasing and
/// inside the data, and the null count matches the validity bitmap. The typed getters therefore
/// never read outside the buffers; they throw <see cref="ArgumentOutOfRangeException"/> for an
/// index outside [0, <see cref="Length"/>) and <see cref="InvalidOperationException"/> when the
/// column's type has another physical layout. Number getters do not allocate; the value they
/// return at a null slot is unspecified (usually zero).
/// The <c>From*</c> builders copy .NET values into new buffers: a null element becomes a null slot
/// (a zero value and a cleared validity bit), and a column without nulls gets no validity bitmap.
/// </summary>
public sealed partial class ArrowColumn
{
    private ArrowColumn(
        ArrowType type, int length, int nullCount, ReadOnlyMemory<byte> validity, ReadOnlyMemory<byte> offsets, ReadOnlyMemory<byte> values, int bitOffset,
        IReadOnlyList<ArrowColumn>? children = null, ArrowColumn? dictionary = null)
    {
        Type = type;
        Length = length;
        NullCount = nullCount;
        Validity = validity;
        Offsets = offsets;
        Values = values;
        BitOffset = bitOffset;
        Children = children ?? [];
        Dictionary = dictionary;
    }

    public ArrowType Type { get; }

    /// <summary>Number of values, nulls included.</summary>
    public int Length { get; }

    public int NullCount { get; }

    /// <summary>
    /// The validity bitmap, empty when <see cref="NullCount"/> is 0: value i is present when bit
    /// <see cref="BitOffset"/> + i is set (least significant bit first).
    /// </summary>
    public ReadOnlyMemory<byte> Validity { get; }

    /// <summary>
    /// For variable-length types, <see cref="Length"/> + 1 little-endian offsets into
    /// <see cref="Values"/> (int32, or int64 for the large types); value i is bytes
    /// [offset i, offset i + 1). Empty for other types, and possibly for a column of length 0.
    /// </summary>
    public ReadOnlyMemory<byte> Offsets { get; }

    /// <summary>
    /// The value bytes: little-endian fixed-width values from index 0, a bitmap for bool (starting at
    /// <see cref="BitOffset"/>), or the concatenated bytes of variable-length values.
    /// </summary>
    public ReadOnlyMemory<byte> Values { get; }

    /// <summary>The bit (0–7) of the first value within <see cref="Validity"/> and a bool column's <see cref="Values"/>; non-zero only after <see cref="Slice"/>.</summary>
    public int BitOffset { get; }

    /// <summary>
    /// Builds a column over existing buffers (not copied), laid out as Arrow IPC lays them out, and
    /// checks them; inconsistent buffers throw <see cref="ArrowFormatException"/>. With a
    /// <paramref name="nullCount"/> of 0 the validity bitmap is ignored.
    /// </summary>
    public static ArrowColumn FromBuffers(
        ArrowType type, int length, int nullCount, ReadOnlyMemory<byte> validity, ReadOnlyMemory<byte> offsets, ReadOnlyMemory<byte> values)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.IsNested || type.Id == ArrowTypeId.Dictionary)
        {
            throw new ArgumentException($"A {type} column is built with FromChildren or FromDictionary.", nameof(type));
        }

        validity = CheckedValidity(type, length, nullCount, validity);
        if (type.IsVariableLength)
        {
            ArrowOffsets.Check(type, length, offsets.Span, values.Length);
        }
        else
        {
            CheckValuesLength(type, length, values);
            offsets = ReadOnlyMemory<byte>.Empty;
        }

        return new ArrowColumn(type, length, nullCount, validity, offsets, values, 0);
    }

    public bool IsNull(int index)
    {
        CheckIndex(index);
        return NullCount != 0 && !ArrowBitmap.Get(Validity.Span, BitOffset + index);
    }

    public bool IsValid(int index) => !IsNull(index);

    public bool GetBoolean(int index)
    {
        Require(Type.Id == ArrowTypeId.Bool, "bool");
        CheckIndex(index);
        return ArrowBitmap.Get(Values.Span, BitOffset + index);
    }

    public sbyte GetInt8(int index) => (sbyte)Slot(index, Type.Id == ArrowTypeId.Int8, "int8", 1)[0];

    public byte GetUInt8(int index) => Slot(index, Type.Id == ArrowTypeId.UInt8, "uint8", 1)[0];

    public short GetInt16(int index) => BinaryPrimitives.ReadInt16LittleEndian(Slot(index, Type.Id == ArrowTypeId.Int16, "int16", 2));

    public ushort GetUInt16(int index) => BinaryPrimitives.ReadUInt16LittleEndian(Slot(index, Type.Id == ArrowTypeId.UInt16, "uint16", 2));

    /// <summary>An int32, date32 (days) or time32 value.</summary>
    public int GetInt32(int index) =>
        BinaryPrimitives.ReadInt32LittleEndian(Slot(index, Type.Id is ArrowTypeId.Int32 or ArrowTypeId.Date32 or ArrowTypeId.Time32, "int32, date32 or time32", 4));

    public uint GetUInt32(int index) => BinaryPrimitives.ReadUInt32LittleEndian(Slot(index, Type.Id == ArrowTypeId.UInt32, "uint32", 4));

    /// <summary>An int64, timestamp, date64 (milliseconds), time64 or duration value, in the type's unit.</summary>
    public long GetInt64(int index) => BinaryPrimitives.ReadInt64LittleEndian(Slot(
        index, Type.Id is ArrowTypeId.Int64 or ArrowTypeId.Timestamp or ArrowTypeId.Date64 or ArrowTypeId.Time64 or ArrowTypeId.Duration, "64-bit integer", 8));

    public ulong GetUInt64(int index) => BinaryPrimitives.ReadUInt64LittleEndian(Slot(index, Type.Id == ArrowTypeId.UInt64, "uint64", 8));

    public Half GetFloat16(int index) => BinaryPrimitives.ReadHalfLittleEndian(Slot(index, Type.Id == ArrowTypeId.Float16, "halffloat", 2));

    public float GetFloat32(int index) => BinaryPrimitives.ReadSingleLittleEndian(Slot(index, Type.Id == ArrowTypeId.Float32, "float", 4));

    public double GetFloat64(int index) => BinaryPrimitives.ReadDoubleLittleEndian(Slot(index, Type.Id == ArrowTypeId.Float64, "double", 8));

    /// <summary>The bytes of a utf8, large_utf8, binary or large_binary value, without copying.</summary>
    public ReadOnlySpan<byte> GetBytes(int index)
    {
        Require(Type.IsVariableLength, "variable-length");
        CheckIndex(index);
        var (start, end) = ArrowOffsets.Range(Offsets.Span, Type.OffsetWidth, index);
        return Values.Span[start..end];
    }

    /// <summary>A utf8 or large_utf8 value (invalid UTF-8 sequences become U+FFFD); the string is the only allocation.</summary>
    public string GetString(int index)
    {
        Require(Type.Id is ArrowTypeId.Utf8 or ArrowTypeId.LargeUtf8, "utf8 or large_utf8");
        return Encoding.UTF8.GetString(GetBytes(index));
    }

    /// <summary>
    /// A timestamp, date32 or date64 value as a UTC <see cref="DateTime"/> (time zone not applied),
    /// truncated to 100 ns; throws <see cref="ArgumentOutOfRangeException"/> outside years 1–9999.
    /// </summary>
    public DateTime GetDateTime(int index)
    {
        Require(Type.Id is ArrowTypeId.Timestamp or ArrowTypeId.Date32 or ArrowTypeId.Date64, "timestamp or date");
        var raw = Type.Id == ArrowTypeId.Date32 ? GetInt32(index) : GetInt64(index);
        var (seconds, nanoseconds) = ArrowTemporal.SinceEpoch(raw, Type);
        return ArrowTemporal.TryToDateTime(seconds, nanoseconds, out var value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(index), raw, "The value is outside the range of DateTime.");
    }

    /// <summary>
    /// All fixed-width values as a span of <typeparamref name="T"/> (which must be as wide as one
    /// value: long for int64 or timestamps, double for float64 ...), without copying.
    /// </summary>
    public ReadOnlySpan<T> GetValues<T>()
        where T : unmanaged
    {
        Require(Type.IsFixedWidth && Unsafe.SizeOf<T>() * 8 == Type.BitWidth, $"{Type.BitWidth}-bit {typeof(T).Name}");
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Typed value spans need a little-endian machine.");
        }

        return MemoryMarshal.Cast<byte, T>(Values.Span[..(Length * (Type.BitWidth / 8))]);
    }

    /// <summary>Values [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>) as a column over the same buffers.</summary>
    public ArrowColumn Slice(int start, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start, Length - length);
        var bit = BitOffset + start;
        var nulls = NullCount == 0 ? 0 : ArrowBitmap.CountUnset(Validity.Span, bit, length);
        var validity = nulls == 0 ? ReadOnlyMemory<byte>.Empty : Validity.Slice(bit >> 3, ArrowBitmap.ByteLength((bit & 7) + length));
        if (Type.Id == ArrowTypeId.Bool)
        {
            return new ArrowColumn(Type, length, nulls, validity, Offsets, Values.Slice(bit >> 3, ArrowBitmap.ByteLength((bit & 7) + length)), bit & 7);
        }

        if (Type.IsVariableLength || Type.Id == ArrowTypeId.List)
        {
            var offsets = Offsets.IsEmpty ? Offsets : Offsets.Slice(start * Type.OffsetWidth, (length + 1) * Type.OffsetWidth);
            return new ArrowColumn(Type, length, nulls, validity, offsets, Values, bit & 7, Children);
        }

        if (Type.Id == ArrowTypeId.Struct)
        {
            return new ArrowColumn(Type, length, nulls, validity, Offsets, Values, bit & 7, [.. Children.Select(c => c.Slice(start, length))]);
        }

        var width = Type.BitWidth / 8;
        return new ArrowColumn(Type, length, nulls, validity, Offsets, Values.Slice(start * width, length * width), bit & 7, dictionary: Dictionary);
    }

    private ReadOnlySpan<byte> Slot(int index, bool typeMatches, string expected, int width)
    {
        Require(typeMatches, expected);
        CheckIndex(index);
        return Values.Span.Slice(index * width, width);
    }

    private void Require(bool typeMatches, string expected)
    {
        if (!typeMatches)
        {
            throw new InvalidOperationException($"The column is {Type}, not {expected}.");
        }
    }

    private void CheckIndex(int index)
    {
        if ((uint)index >= (uint)Length)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The column has {Length} values.");
        }
    }
}
