using Tiled.Formats.DataTypes;

namespace Tiled.Application.Arrays.ReadArray;

/// <summary>C-order bytes of an array (or a slice of it) in its declared dtype and byte order.</summary>
public sealed record ArrayData(byte[] Bytes, DataType DataType, long[] Shape);
