using Microsoft.Win32.SafeHandles;
using Tiled.Infrastructure.ArrayStorage;

namespace Tiled.Infrastructure.ExternalArrays;

/// <summary>
/// Reads a box of one TIFF page into a C-order buffer, in little-endian order. Only the strips or
/// tiles that the box touches are read; uncompressed segments without a predictor are read in place
/// (just the rows and columns of the box), others are decoded whole, several at a time.
/// </summary>
internal static class TiffPageReader
{
    private const int MaxParallelSegments = 4;

    /// <summary>
    /// Copies the box <c>[start, start+count)</c> of <paramref name="page"/> (over its
    /// <see cref="TiffPage.Shape"/>) into <paramref name="destination"/> from <paramref name="destinationOffset"/>,
    /// as the C-order bytes of an array of shape <paramref name="count"/>.
    /// </summary>
    public static void ReadBox(SafeFileHandle file, TiffPage page, long[] start, long[] count,
        byte[] destination, int destinationOffset, CancellationToken ct)
    {
        var itemSize = page.FileType.ItemSize;
        long[] start3 = start.Length == 3 ? start : [start[0], start[1], 0];
        long[] count3 = count.Length == 3 ? count : [count[0], count[1], 1];
        var length = checked((int)(ChunkLayout.Product(count3) * itemSize));
        long[] segmentShape = [page.SegmentHeight, page.SegmentWidth, page.SamplesPerPixel];
        var regions = ChunkLayout.Intersect(start3, count3, segmentShape).ToList();
        if (page.Compression == TiffCompression.None && page.Predictor == 1)
        {
            foreach (var region in regions)
            {
                var (index, stored) = Segment(page, region);
                if (page.ByteCounts[index] < ChunkLayout.Product(stored) * itemSize)
                {
                    throw new InvalidDataException($"Uncompressed strip or tile {index} holds {page.ByteCounts[index]} bytes, fewer than its pixels need.");
                }

                FlatFileReader.ReadBox(file, page.Offsets[index], stored, region.ChunkOffset,
                    destination.AsSpan(destinationOffset, length), count3, region.BoxOffset, region.Count, itemSize, ct);
            }
        }
        else
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = MaxParallelSegments, CancellationToken = ct };
            Parallel.ForEach(regions, options, region =>
            {
                var (index, stored) = Segment(page, region);
                var decoded = TiffCompression.DecodeSegment(file, page, index, stored[0]);
                NdCopy.Copy(decoded, stored, region.ChunkOffset,
                    destination.AsSpan(destinationOffset, length), count3, region.BoxOffset, region.Count, itemSize);
            });
        }

        if (page.FileType.IsBigEndian)
        {
            ElementOrder.Swap(destination.AsSpan(destinationOffset, length), page.FileType);
        }
    }

    /// <summary>The index of the segment a region falls in, and the shape of what that segment stores.</summary>
    private static (long Index, long[] Stored) Segment(TiffPage page, ChunkRegion region)
    {
        var row = region.ChunkIndex[0];
        var index = (row * page.SegmentsAcross) + region.ChunkIndex[1];
        return (index, [page.StoredRows(row), page.SegmentWidth, page.SamplesPerPixel]);
    }
}
