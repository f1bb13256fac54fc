namespace Tiled.UnitTests.Infrastructure.ExternalArrays;

/// <summary>
/// One page for <see cref="TestTiffWriter"/>: C-order samples of shape (height, width, samples) as
/// little-endian bytes, and how to store them. Strips of <see cref="RowsPerStrip"/> rows unless
/// <see cref="TileWidth"/> is set.
/// </summary>
internal sealed record TestTiffImage(int Width, int Height, int Samples, int Bits, int SampleFormat, byte[] Data)
{
    public int Compression { get; init; } = 1;

    public int Predictor { get; init; } = 1;

    public int? RowsPerStrip { get; init; }

    public int? TileWidth { get; init; }

    public int? TileLength { get; init; }

    public int Planar { get; init; } = 1;

    /// <summary>Leaves out StripByteCounts/TileByteCounts (allowed for uncompressed data).</summary>
    public bool OmitByteCounts { get; init; }

    /// <summary>Drops this many bytes from the end of the last segment's stored data (a corrupt file).</summary>
    public int TruncateLastSegment { get; init; }

    public int ItemSize => Bits / 8;
}
