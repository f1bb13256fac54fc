using System.Buffers.Binary;
using System.Numerics;
using Tiled.Formats.DataTypes;

namespace Tiled.Client;

/// <summary>Maps .NET element types to Tiled data types.</summary>
public static class ElementTypes
{
    public static DataType DataTypeOf<T>() where T : unmanaged => default(T) switch
    {
        bool => DataType.Bool,
        sbyte => DataType.Int8,
        byte => DataType.UInt8,
        short => DataType.Int16,
        ushort => DataType.UInt16,
        int => DataType.Int32,
        uint => DataType.UInt32,
        long => DataType.Int64,
        ulong => DataType.UInt64,
        float => DataType.Float32,
        double => DataType.Float64,
        Complex => DataType.Complex128,
        _ => throw new NotSupportedException($"{typeof(T).Name} has no Tiled data type."),
    };

    internal static void SwapInPlace(Span<byte> bytes, int width)
    {
        for (var i = 0; i + width <= bytes.Length; i += width)
        {
            var item = bytes.Slice(i, width);
            switch (width)
            {
                case 2:
                    BinaryPrimitives.WriteUInt16LittleEndian(item, BinaryPrimitives.ReadUInt16BigEndian(item));
                    break;
                case 4:
                    BinaryPrimitives.WriteUInt32LittleEndian(item, BinaryPrimitives.ReadUInt32BigEndian(item));
                    break;
                case 8:
                    BinaryPrimitives.WriteUInt64LittleEndian(item, BinaryPrimitives.ReadUInt64BigEndian(item));
                    break;
            }
        }
    }
}
