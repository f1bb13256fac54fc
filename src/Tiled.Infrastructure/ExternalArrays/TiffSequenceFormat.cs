using Microsoft.Win32.SafeHandles;
using Tiled.Application.Abstractions;
using Tiled.Domain.Arrays;
using Tiled.Domain.DataSources;

namespace Tiled.Infrastructure.ExternalArrays;

/// <summary>
/// <c>multipart/related;type=image/tiff</c>: a sequence of TIFF files, one asset each, ordered by
/// <see cref="Asset.Num"/>. The array is <c>(files, height, width[, samples])</c> from each file's first
/// page, read as <see cref="TiffFormat"/> reads one; every file must hold the same image geometry and
/// type. A box read opens only the files of the frames it covers.
/// </summary>
internal sealed class TiffSequenceFormat(ExternalPathPolicy policy) : IExternalFormat
{
    private const int MaxParallelFiles = 4;

    public Task<ArrayStructure> InspectAsync(DataSource source, CancellationToken ct)
    {
        var assets = ExternalAssets.Sequence(source);
        TiffPage? first = null;
        foreach (var asset in assets)
        {
            ct.ThrowIfCancellationRequested();
            var (path, page) = FirstPage(asset);
            first ??= page;
            if (!page.SameImageAs(first))
            {
                throw ExternalDataException.Invalid(
                    $"The TIFF file '{path}' holds a {ExternalBox.Format(page.Shape)} {page.DataType.ToNumpyString()} image; the first file of "
                    + $"the sequence holds {ExternalBox.Format(first.Shape)} {first.DataType.ToNumpyString()}.");
            }
        }

        return Task.FromResult(TiffStack.Structure(first ?? throw new InvalidOperationException("A sequence has assets."), assets.Count));
    }

    public Task<byte[]> ReadBoxAsync(DataSource source, ArrayStructure structure, long[] start, long[] count, CancellationToken ct)
    {
        var assets = ExternalAssets.Sequence(source);
        if (structure.Rank < 3 || structure.Shape[0] != assets.Count)
        {
            throw ExternalDataException.Invalid(
                $"A sequence of {assets.Count} TIFF files is an array of shape (files, height, width[, samples]); the structure declares "
                + $"{ExternalBox.Format(structure.Shape)}.");
        }

        return TiffStack.ReadFramesAsync(structure, start, count, MaxParallelFiles, k => Open(assets[(int)k]), ct);
    }

    private (SafeFileHandle File, bool Owned, TiffPage Page, string What) Open(Asset asset)
    {
        var path = policy.Resolve(asset.DataUri);
        var file = File.OpenHandle(path);
        try
        {
            var tiff = TiffFile.Open(file, path);
            return (file, true, tiff.ReadPage(tiff.PageOffsets(1)[0]), $"The TIFF file '{path}'");
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private (string Path, TiffPage Page) FirstPage(Asset asset)
    {
        var path = policy.Resolve(asset.DataUri);
        using var file = File.OpenHandle(path);
        var tiff = TiffFile.Open(file, path);
        return (path, tiff.ReadPage(tiff.PageOffsets(1)[0]));
    }
}
