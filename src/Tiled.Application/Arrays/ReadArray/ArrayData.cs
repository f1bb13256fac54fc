using Tiled.Formats.DataTypes;

namespace Tiled.Application.Arrays.ReadArray;

/// <summary>
/// C-order bytes of an array (or a slice of it) in its declared dtype and byte order: in
/// <see cref="Bytes"/>, or, when the query allowed it, in the open <see cref="File"/> (then
/// <see cref="Bytes"/> is empty and the receiver must dispose the file).
/// </summary>
public sealed record ArrayData(byte[] Bytes, DataType DataType, long[] Shape)
{
    public FileStream? File { get; init; }
}
