using Tiled.Application.Abstractions;
using Tiled.Domain.Arrays;
using Tiled.Domain.DataSources;

namespace Tiled.Infrastructure.ExternalArrays;

/// <summary>
/// <c>image/tiff</c>: one TIFF or BigTIFF file, little- or big-endian; strips or tiles; uncompressed,
/// LZW, Deflate or PackBits; predictors 2 (integers) and 3 (floats); 8/16/32/64-bit unsigned and
/// signed integers, 16/32/64-bit floats and complex floats; several samples per pixel when interleaved
/// (PlanarConfiguration 1). The array is <c>(height, width[, samples])</c>, or <c>(pages, height,
/// width[, samples])</c> when the file holds two or more pages of the same image geometry and type
/// (a page we cannot read, or a different one, keeps the first page alone). Values are served
/// little-endian whatever the file's byte order, as tifffile (and so Tiled) reports them.
/// </summary>
internal sealed class TiffFormat(ExternalPathPolicy policy) : IExternalFormat
{
    private const int MaxParallelPages = 4;

    public Task<ArrayStructure> InspectAsync(DataSource source, CancellationToken ct)
    {
        var path = policy.Resolve(ExternalAssets.Single(source).DataUri);
        using var file = File.OpenHandle(path);
        var tiff = TiffFile.Open(file, path);
        var offsets = tiff.PageOffsets();
        var first = tiff.ReadPage(offsets[0]);
        var stacked = offsets.Count > 1 && offsets.Skip(1).All(offset => SameImage(tiff, offset, first, ct));
        return Task.FromResult(TiffStack.Structure(first, stacked ? offsets.Count : null));
    }

    public async Task<byte[]> ReadBoxAsync(DataSource source, ArrayStructure structure, long[] start, long[] count, CancellationToken ct)
    {
        var path = policy.Resolve(ExternalAssets.Single(source).DataUri);
        using var file = File.OpenHandle(path);
        var tiff = TiffFile.Open(file, path);
        var first = tiff.ReadPage(tiff.PageOffsets(1)[0]);
        var what = $"The TIFF file '{path}'";
        if (structure.Rank != first.Shape.Length + 1)
        {
            return TiffStack.ReadPage(file, first, structure, start, count, what, ct);
        }

        var offsets = tiff.PageOffsets((int)Math.Min(structure.Shape[0] + 1, int.MaxValue));
        if (offsets.Count != structure.Shape[0])
        {
            throw ExternalDataException.Invalid(
                $"{what} holds {(offsets.Count > structure.Shape[0] ? "more" : offsets.Count)} pages; the structure declares {structure.Shape[0]}.");
        }

        return await TiffStack.ReadFramesAsync(structure, start, count, MaxParallelPages,
            k => (file, false, k == 0 ? first : tiff.ReadPage(offsets[(int)k]), $"Page {k} of {what}"), ct);
    }

    private static bool SameImage(TiffFile tiff, long offset, TiffPage first, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        try
        {
            return tiff.ReadPage(offset).SameImageAs(first);
        }
        catch (Exception e) when (e is ExternalDataException or InvalidDataException)
        {
            return false;
        }
    }
}
