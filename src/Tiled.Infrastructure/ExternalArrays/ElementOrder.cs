using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Tiled.Application.Abstractions;
using Tiled.Formats.DataTypes;

namespace Tiled.Infrastructure.ExternalArrays;

/// <summary>
/// Byte order of element buffers: checks that a declared dtype is the stored one up to byte order,
/// and swaps buffers between the two.
/// </summary>
internal static class ElementOrder
{
    /// <summary>
    /// True when values stored as <paramref name="stored"/> must be byte-swapped to be served as
    /// <paramref name="declared"/>; throws <c>invalid-external-data</c> when the types differ otherwise.
    /// </summary>
    public static bool NeedsSwap(DataType stored, DataType declared, string what)
    {
        if (stored.Kind != declared.Kind || stored.ItemSize != declared.ItemSize || stored.DtUnits != declared.DtUnits)
        {
            throw ExternalDataException.Invalid(
                $"{what} holds {stored.ToNumpyString()} values but the structure declares {declared.ToNumpyString()}.");
        }

        return UnitSize(stored) > 1 && stored.IsBigEndian != declared.IsBigEndian;
    }

    /// <summary>Reverses the bytes of every value (each half of a complex, each character of a unicode string).</summary>
    public static void Swap(Span<byte> data, DataType type)
    {
        switch (UnitSize(type))
        {
            case 2:
                Reverse(MemoryMarshal.Cast<byte, ushort>(data));
                break;
            case 4:
                Reverse(MemoryMarshal.Cast<byte, uint>(data));
                break;
            case 8:
                Reverse(MemoryMarshal.Cast<byte, ulong>(data));
                break;
            case 1:
                break;
            default:
                throw new NotSupportedException($"Byte-swapping {type.ToNumpyString()} values is not supported.");
        }
    }

    private static void Reverse(Span<ushort> values) => BinaryPrimitives.ReverseEndianness(values, values);

    private static void Reverse(Span<uint> values) => BinaryPrimitives.ReverseEndianness(values, values);

    private static void Reverse(Span<ulong> values) => BinaryPrimitives.ReverseEndianness(values, values);

    /// <summary>The size of the units whose bytes are ordered: 1 when byte order does not apply.</summary>
    private static int UnitSize(DataType type) => type.Kind switch
    {
        'b' or 'S' or 'V' => 1,
        'U' => 4,
        'c' => type.ItemSize / 2,
        _ => type.ItemSize,
    };
}
