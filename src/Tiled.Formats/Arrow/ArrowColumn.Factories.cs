using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Tiled.Formats.Arrow;

// The From* builders; the type's documentation is on the other part, in ArrowColumn.cs.
public sealed partial class ArrowColumn
{
    public static ArrowColumn FromBooleans(IReadOnlyList<bool?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var bits = new byte[ArrowBitmap.ByteLength(values.Count)];
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] == true)
            {
                ArrowBitmap.Set(bits, i);
            }
        }

        return WithValidity(ArrowType.Bool, values.Count, i => values[i].HasValue, ReadOnlyMemory<byte>.Empty, bits);
    }

    public static ArrowColumn FromInt8(IReadOnlyList<sbyte?> values) => FromNullable(ArrowType.Int8, values);

    public static ArrowColumn FromInt16(IReadOnlyList<short?> values) => FromNullable(ArrowType.Int16, values);

    public static ArrowColumn FromInt32(IReadOnlyList<int?> values) => FromNullable(ArrowType.Int32, values);

    public static ArrowColumn FromInt64(IReadOnlyList<long?> values) => FromNullable(ArrowType.Int64, values);

    public static ArrowColumn FromUInt8(IReadOnlyList<byte?> values) => FromNullable(ArrowType.UInt8, values);

    public static ArrowColumn FromUInt16(IReadOnlyList<ushort?> values) => FromNullable(ArrowType.UInt16, values);

    public static ArrowColumn FromUInt32(IReadOnlyList<uint?> values) => FromNullable(ArrowType.UInt32, values);

    public static ArrowColumn FromUInt64(IReadOnlyList<ulong?> values) => FromNullable(ArrowType.UInt64, values);

    public static ArrowColumn FromFloat16(IReadOnlyList<Half?> values) => FromNullable(ArrowType.Float16, values);

    public static ArrowColumn FromFloat32(IReadOnlyList<float?> values) => FromNullable(ArrowType.Float32, values);

    public static ArrowColumn FromFloat64(IReadOnlyList<double?> values) => FromNullable(ArrowType.Float64, values);

    /// <summary>A timestamp column of counts of <paramref name="unit"/> since the Unix epoch (UTC), naive when <paramref name="timeZone"/> is null.</summary>
    public static ArrowColumn FromTimestamps(IReadOnlyList<long?> values, ArrowTimeUnit unit, string? timeZone = null) =>
        FromNullable(ArrowType.Timestamp(unit, timeZone), values);

    /// <summary>A date32 column of days since 1970-01-01.</summary>
    public static ArrowColumn FromDate32(IReadOnlyList<int?> days) => FromNullable(ArrowType.Date32, days);

    /// <summary>A date64 column of milliseconds since 1970-01-01 (Arrow expects whole days).</summary>
    public static ArrowColumn FromDate64(IReadOnlyList<long?> milliseconds) => FromNullable(ArrowType.Date64, milliseconds);

    public static ArrowColumn FromDurations(IReadOnlyList<long?> values, ArrowTimeUnit unit) => FromNullable(ArrowType.Duration(unit), values);

    /// <summary>A time32 column (seconds or milliseconds since midnight).</summary>
    public static ArrowColumn FromTime32(IReadOnlyList<int?> values, ArrowTimeUnit unit) => FromNullable(ArrowType.Time32(unit), values);

    /// <summary>A time64 column (microseconds or nanoseconds since midnight).</summary>
    public static ArrowColumn FromTime64(IReadOnlyList<long?> values, ArrowTimeUnit unit) => FromNullable(ArrowType.Time64(unit), values);

    /// <summary>A utf8 column, or large_utf8 when <paramref name="large"/> is true.</summary>
    public static ArrowColumn FromStrings(IReadOnlyList<string?> values, bool large = false)
    {
        ArgumentNullException.ThrowIfNull(values);
        return FromVariable(large ? ArrowType.LargeUtf8 : ArrowType.Utf8, values.Count, i => values[i] is { } s ? Encoding.UTF8.GetBytes(s) : null);
    }

    /// <summary>A binary column, or large_binary when <paramref name="large"/> is true.</summary>
    public static ArrowColumn FromBinary(IReadOnlyList<byte[]?> values, bool large = false)
    {
        ArgumentNullException.ThrowIfNull(values);
        return FromVariable(large ? ArrowType.LargeBinary : ArrowType.Binary, values.Count, i => values[i]);
    }

    /// <summary>
    /// A column of <paramref name="type"/> (fixed-width, not bool) from values of a .NET type of the
    /// same width, e.g. <c>long</c> for timestamps or <c>double</c> for float64; nulls become null slots.
    /// </summary>
    public static ArrowColumn FromNullable<T>(ArrowType type, IReadOnlyList<T?> values)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(values);
        var bytes = new byte[checked(values.Count * CheckWidth<T>(type))];
        var typed = MemoryMarshal.Cast<byte, T>(bytes.AsSpan());
        for (var i = 0; i < values.Count; i++)
        {
            typed[i] = values[i].GetValueOrDefault();
        }

        return WithValidity(type, values.Count, i => values[i].HasValue, ReadOnlyMemory<byte>.Empty, bytes);
    }

    /// <summary>A column of <paramref name="type"/> without nulls from values of a .NET type of the same width (see <see cref="FromNullable{T}"/>).</summary>
    public static ArrowColumn FromValues<T>(ArrowType type, ReadOnlySpan<T> values)
        where T : unmanaged
    {
        var bytes = new byte[checked(values.Length * CheckWidth<T>(type))];
        MemoryMarshal.AsBytes(values).CopyTo(bytes);
        return new ArrowColumn(type, values.Length, 0, ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty, bytes, 0);
    }

    private static ArrowColumn FromVariable(ArrowType type, int count, Func<int, byte[]?> bytesOf)
    {
        var items = new byte[]?[count];
        long total = 0;
        for (var i = 0; i < count; i++)
        {
            items[i] = bytesOf(i);
            total += items[i]?.Length ?? 0;
        }

        if (total > Array.MaxLength || (type.OffsetWidth == 4 && total > int.MaxValue))
        {
            throw new ArgumentException($"The values hold {total} bytes, more than a {type} column can.");
        }

        var data = new byte[total];
        var offsets = new byte[(count + 1) * type.OffsetWidth];
        var position = 0;
        for (var i = 0; i < count; i++)
        {
            items[i]?.CopyTo(data, position);
            position += items[i]?.Length ?? 0;
            WriteOffset(offsets, type.OffsetWidth, i + 1, position);
        }

        return WithValidity(type, count, i => items[i] is not null, offsets, data);
    }

    private static void WriteOffset(Span<byte> offsets, int width, int index, int value)
    {
        if (width == 4)
        {
            BinaryPrimitives.WriteInt32LittleEndian(offsets[(index * 4)..], value);
        }
        else
        {
            BinaryPrimitives.WriteInt64LittleEndian(offsets[(index * 8)..], value);
        }
    }

    private static ArrowColumn WithValidity(ArrowType type, int count, Func<int, bool> isValid, ReadOnlyMemory<byte> offsets, ReadOnlyMemory<byte> values)
    {
        var validity = new byte[ArrowBitmap.ByteLength(count)];
        var nulls = 0;
        for (var i = 0; i < count; i++)
        {
            if (isValid(i))
            {
                ArrowBitmap.Set(validity, i);
            }
            else
            {
                nulls++;
            }
        }

        return new ArrowColumn(type, count, nulls, nulls == 0 ? ReadOnlyMemory<byte>.Empty : validity, offsets, values, 0);
    }

    private static int CheckWidth<T>(ArrowType type)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(type);
        var width = Unsafe.SizeOf<T>();
        if (type.IsVariableLength || type.Id == ArrowTypeId.Bool || width * 8 != type.BitWidth)
        {
            throw new ArgumentException($"{typeof(T).Name} values cannot make a {type} column.", nameof(type));
        }

        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Building columns from .NET values needs a little-endian machine.");
        }

        return width;
    }
}
