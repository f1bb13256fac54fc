using Microsoft.Win32.SafeHandles;

namespace Tiled.Infrastructure.ExternalArrays;

/// <summary>
/// Reads a box of a C-order array stored contiguously in a file (a .npy body, a raw binary file, an
/// uncompressed TIFF strip or tile) straight into a destination buffer, one contiguous run at a time:
/// trailing dimensions covered whole on both sides merge into the run, as in
/// <see cref="ArrayStorage.NdCopy"/>. Only the bytes of the box (or small windows around them) are read.
/// </summary>
internal static class FlatFileReader
{
    private const int WindowSize = 256 * 1024;
    private const long MaxWindowedStride = 64 * 1024;

    /// <summary>
    /// Copies the box of <paramref name="count"/> elements at <paramref name="start"/> of the array of
    /// <paramref name="shape"/> stored at byte <paramref name="offset"/> of <paramref name="file"/> to
    /// <paramref name="destinationStart"/> of <paramref name="destination"/> (a C-order buffer of
    /// <paramref name="destinationShape"/>). The caller has checked that both boxes fit.
    /// </summary>
    public static void ReadBox(
        SafeFileHandle file, long offset, long[] shape, long[] start,
        Span<byte> destination, long[] destinationShape, long[] destinationStart,
        long[] count, int itemSize, CancellationToken ct)
    {
        if (count.Any(c => c == 0))
        {
            return;
        }

        var runs = new ArrayStorage.BoxRuns(shape, start, destinationShape, destinationStart, count, itemSize);
        var sparse = runs.SourceRunStride == 0 || runs.SourceRunStride > MaxWindowedStride;
        var window = new FileWindow(file, sparse ? 0 : WindowSize);
        var visited = 0;
        while (runs.MoveNext(out var s, out var t))
        {
            window.Read(offset + s, destination.Slice((int)t, runs.RunLength));
            if ((++visited & 0xFFF) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }
        }
    }
}
