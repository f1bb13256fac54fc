using System.Numerics;
using System.Runtime.InteropServices;
using Tiled.Formats.DataTypes;

namespace Tiled.Client;

/// <summary>
/// The client's n-dimensional array: a shape plus contiguous C-order values. Element types map to
/// numpy dtypes: bool, sbyte/byte, short/ushort, int/uint, long/ulong, float, double, Complex (complex128).
/// </summary>
public sealed class NdArray<T> where T : unmanaged
{
    public NdArray(T[] values, params long[] shape)
    {
        var count = shape.Aggregate(1L, (a, b) => a * b);
        if (count != values.Length)
        {
            throw new ArgumentException($"{values.Length} values do not fill shape ({string.Join(", ", shape)}).", nameof(values));
        }

        Values = values;
        Shape = shape;
    }

    /// <summary>The values in C order (last index varies fastest).</summary>
    public T[] Values { get; }

    public long[] Shape { get; }

    public DataType DataType => ElementTypes.DataTypeOf<T>();

    /// <summary>The values' bytes, little-endian as this machine stores them.</summary>
    public ReadOnlySpan<byte> AsBytes() => MemoryMarshal.AsBytes(Values.AsSpan());

    public T this[params long[] index] => Values[Offset(index)];

    /// <summary>Rebuilds an array from raw bytes in <paramref name="dataType"/> (byte-swapping big-endian data).</summary>
    public static NdArray<T> FromBytes(ReadOnlySpan<byte> bytes, DataType dataType, long[] shape)
    {
        var expected = ElementTypes.DataTypeOf<T>();
        if (expected.Kind != dataType.Kind || expected.ItemSize != dataType.ItemSize)
        {
            throw new InvalidOperationException(
                $"The array's dtype is {dataType.ToNumpyString()}; it cannot be read as {typeof(T).Name} ({expected.ToNumpyString()}).");
        }

        var values = MemoryMarshal.Cast<byte, T>(bytes).ToArray();
        if (dataType.IsBigEndian)
        {
            ElementTypes.SwapInPlace(MemoryMarshal.AsBytes(values.AsSpan()), typeof(T) == typeof(Complex) ? 8 : dataType.ItemSize);
        }

        return new NdArray<T>(values, shape);
    }

    public override string ToString() => $"NdArray<{typeof(T).Name}>({string.Join(", ", Shape)}) [{string.Join(", ", Values.Take(10))}{(Values.Length > 10 ? ", ..." : "")}]";

    private long Offset(long[] index)
    {
        long offset = 0;
        for (var d = 0; d < Shape.Length; d++)
        {
            offset = (offset * Shape[d]) + index[d];
        }

        return offset;
    }
}
