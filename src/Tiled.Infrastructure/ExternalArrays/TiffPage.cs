using Tiled.Formats.DataTypes;

namespace Tiled.Infrastructure.ExternalArrays;

/// <summary>
/// One image (IFD) of a TIFF file, as far as reading its samples needs: geometry, sample type in the
/// file's byte order, compression, predictor, and the segments (strips, or tiles) that hold it. A
/// segment is <see cref="SegmentHeight"/> × <see cref="SegmentWidth"/> pixels (tiles at the right and
/// bottom edges are padded; the last strip holds only the remaining rows).
/// </summary>
internal sealed record TiffPage(
    long Width,
    long Height,
    int SamplesPerPixel,
    DataType FileType,
    int Compression,
    int Predictor,
    bool Tiled,
    long SegmentWidth,
    long SegmentHeight,
    long[] Offsets,
    long[] ByteCounts)
{
    /// <summary>The served dtype: the sample type in little-endian order, as tifffile (and so Tiled) reports it.</summary>
    public DataType DataType => FileType.ItemSize > 1 ? FileType with { Endianness = Endianness.Little } : FileType;

    /// <summary><c>(height, width)</c>, or <c>(height, width, samples)</c> with several samples per pixel.</summary>
    public long[] Shape => SamplesPerPixel == 1 ? [Height, Width] : [Height, Width, SamplesPerPixel];

    /// <summary>Segments per row of segments: 1 for strips.</summary>
    public long SegmentsAcross => Tiled ? (Width + SegmentWidth - 1) / SegmentWidth : 1;

    /// <summary>Rows stored by the segments of segment row <paramref name="row"/>: tiles keep their padding.</summary>
    public long StoredRows(long row) => Tiled ? SegmentHeight : Math.Min(SegmentHeight, Height - (row * SegmentHeight));

    /// <summary>True when another page has the same geometry and sample type, so both can be stacked.</summary>
    public bool SameImageAs(TiffPage other) =>
        Width == other.Width && Height == other.Height && SamplesPerPixel == other.SamplesPerPixel && DataType == other.DataType;
}
