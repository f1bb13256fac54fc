using Tiled.Domain.Arrays;
using Tiled.Formats.DataTypes;

namespace Tiled.Infrastructure.ExternalArrays;

/// <summary>
/// A C-order array stored contiguously in one file from byte <paramref name="Offset"/>: the body of a
/// .npy file or a raw binary file.
/// </summary>
internal sealed record FlatArray(string Path, DataType DataType, long[] Shape, long Offset)
{
    public ArrayStructure Structure() =>
        ArrayStructure.Create(DataType, Shape, ExternalBox.FlatChunks(Shape, DataType.ItemSize), dims: null);

    /// <summary>Reads the box in <paramref name="structure"/>'s byte order, after checking dtype and shape against the file.</summary>
    public byte[] ReadBox(ArrayStructure structure, long[] start, long[] count, string what, CancellationToken ct)
    {
        var swap = ElementOrder.NeedsSwap(DataType, structure.DataType, what);
        ExternalBox.RequireShape(Shape, structure, what);
        var box = ExternalBox.Allocate(structure, start, count);
        using var file = File.OpenHandle(Path);
        FlatFileReader.ReadBox(file, Offset, Shape, start, box, count, new long[count.Length], count, DataType.ItemSize, ct);
        if (swap)
        {
            ElementOrder.Swap(box, DataType);
        }

        return box;
    }
}
