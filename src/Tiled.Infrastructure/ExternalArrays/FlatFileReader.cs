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
        var rank = count.Length;
        if (count.Any(c => c == 0))
        {
            return;
        }

        if (rank == 0)
        {
            FileWindow.ReadExactly(file, offset, destination[..itemSize]);
            return;
        }

        var outer = rank - 1;
        var run = count[outer] * itemSize;
        while (outer > 0 && count[outer] == shape[outer] && count[outer] == destinationShape[outer])
        {
            outer--;
            run *= count[outer];
        }

        var sourceStrides = Strides(shape, itemSize);
        var destinationStrides = Strides(destinationShape, itemSize);
        var sourceBase = offset + Dot(start, sourceStrides);
        var destinationBase = Dot(destinationStart, destinationStrides);
        var runLength = checked((int)run);
        var sparse = outer == 0 || sourceStrides[outer - 1] > MaxWindowedStride;
        var window = new FileWindow(file, sparse ? 0 : WindowSize);
        var index = new long[outer];
        var runs = 0;
        while (true)
        {
            var s = sourceBase;
            var t = destinationBase;
            for (var d = 0; d < outer; d++)
            {
                s += index[d] * sourceStrides[d];
                t += index[d] * destinationStrides[d];
            }

            window.Read(s, destination.Slice((int)t, runLength));
            if ((++runs & 0xFFF) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            var carry = outer - 1;
            while (carry >= 0 && index[carry] == count[carry] - 1)
            {
                index[carry] = 0;
                carry--;
            }

            if (carry < 0)
            {
                return;
            }

            index[carry]++;
        }
    }

    private static long[] Strides(long[] shape, int itemSize)
    {
        var strides = new long[shape.Length];
        var stride = (long)itemSize;
        for (var d = shape.Length - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride = checked(stride * shape[d]);
        }

        return strides;
    }

    private static long Dot(long[] index, long[] strides)
    {
        var sum = 0L;
        for (var d = 0; d < index.Length; d++)
        {
            sum += index[d] * strides[d];
        }

        return sum;
    }
}
