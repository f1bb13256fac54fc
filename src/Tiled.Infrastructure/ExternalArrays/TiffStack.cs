using Microsoft.Win32.SafeHandles;
using Tiled.Application.Abstractions;
using Tiled.Domain.Arrays;

namespace Tiled.Infrastructure.ExternalArrays;

/// <summary>
/// TIFF pages as arrays: one page, or pages stacked along a first axis (the pages of one file, or
/// the files of a sequence), with one chunk per page along that axis and the whole image otherwise.
/// </summary>
internal static class TiffStack
{
    public static ArrayStructure Structure(TiffPage page, long? frames)
    {
        long[] shape = frames is { } n ? [n, .. page.Shape] : page.Shape;
        var chunks = shape.Select(n => Math.Max(n, 1)).ToArray();
        if (frames is not null)
        {
            chunks[0] = 1;
        }

        return ArrayStructure.Create(page.DataType, shape, ChunkGrid.Regular(shape, chunks), dims: null);
    }

    /// <summary>Reads a box of one page in <paramref name="structure"/>'s byte order, checking that the page matches it.</summary>
    public static byte[] ReadPage(SafeFileHandle file, TiffPage page, ArrayStructure structure, long[] start, long[] count,
        string what, CancellationToken ct)
    {
        var swap = ElementOrder.NeedsSwap(page.DataType, structure.DataType, what);
        ExternalBox.RequireShape(page.Shape, structure, what);
        var box = ExternalBox.Allocate(structure, start, count);
        TiffPageReader.ReadBox(file, page, start, count, box, 0, ct);
        if (swap)
        {
            ElementOrder.Swap(box, page.DataType);
        }

        return box;
    }

    /// <summary>
    /// Reads a box of a stack whose frames <paramref name="openFrame"/> opens (returning a page and the
    /// handle to read it from, or none to keep a shared handle): frames of the box only, at most
    /// <paramref name="parallelism"/> at a time, each checked against <paramref name="structure"/>.
    /// </summary>
    public static async Task<byte[]> ReadFramesAsync(ArrayStructure structure, long[] start, long[] count, int parallelism,
        Func<long, (SafeFileHandle File, bool Owned, TiffPage Page, string What)> openFrame, CancellationToken ct)
    {
        var box = ExternalBox.Allocate(structure, start, count);
        long[] frameShape = structure.Shape[1..];
        long[] frameStart = start[1..];
        long[] frameCount = count[1..];
        var frameBytes = box.Length / Math.Max(count[0], 1);
        var frames = Enumerable.Range(0, (int)count[0]);
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct };
        await Parallel.ForEachAsync(frames, options, (k, token) =>
        {
            var (file, owned, page, what) = openFrame(start[0] + k);
            try
            {
                if (!page.Shape.AsSpan().SequenceEqual(frameShape))
                {
                    throw ExternalDataException.Invalid(
                        $"{what} holds an image of shape {ExternalBox.Format(page.Shape)}; the structure's frames are {ExternalBox.Format(frameShape)}.");
                }

                var swap = ElementOrder.NeedsSwap(page.DataType, structure.DataType, what);
                TiffPageReader.ReadBox(file, page, frameStart, frameCount, box, (int)(k * frameBytes), token);
                if (swap)
                {
                    ElementOrder.Swap(box.AsSpan((int)(k * frameBytes), (int)frameBytes), page.DataType);
                }
            }
            finally
            {
                if (owned)
                {
                    file.Dispose();
                }
            }

            return ValueTask.CompletedTask;
        });
        return box;
    }
}
