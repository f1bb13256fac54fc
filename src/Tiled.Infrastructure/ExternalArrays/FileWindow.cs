using Microsoft.Win32.SafeHandles;

namespace Tiled.Infrastructure.ExternalArrays;

/// <summary>
/// Positional reads from an open file. Short reads that fall close together are served from one
/// buffered window, refilled forward, so a box of many small runs costs few system calls; large
/// reads go straight to the destination. Running past the end of the file throws
/// <see cref="EndOfStreamException"/> (a truncated file).
/// </summary>
internal sealed class FileWindow(SafeFileHandle file, int windowSize)
{
    private byte[]? _buffer;
    private long _start;
    private int _length;

    /// <summary>Fills <paramref name="destination"/> with the bytes at <paramref name="position"/>.</summary>
    public void Read(long position, Span<byte> destination)
    {
        if (destination.Length * 4L >= windowSize)
        {
            ReadExactly(file, position, destination);
            return;
        }

        if (_buffer is null || position < _start || position + destination.Length > _start + _length)
        {
            _buffer ??= new byte[windowSize];
            _start = position;
            _length = ReadAvailable(file, position, _buffer);
            if (_length < destination.Length)
            {
                throw Truncated(position + destination.Length);
            }
        }

        _buffer.AsSpan((int)(position - _start), destination.Length).CopyTo(destination);
    }

    /// <summary>Fills <paramref name="destination"/> from <paramref name="position"/> or throws <see cref="EndOfStreamException"/>.</summary>
    public static void ReadExactly(SafeFileHandle file, long position, Span<byte> destination)
    {
        if (ReadAvailable(file, position, destination) < destination.Length)
        {
            throw Truncated(position + destination.Length);
        }
    }

    private static int ReadAvailable(SafeFileHandle file, long position, Span<byte> destination)
    {
        var total = 0;
        while (total < destination.Length)
        {
            var read = RandomAccess.Read(file, destination[total..], position + total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    private static EndOfStreamException Truncated(long end) =>
        new($"The file ends before byte {end}: it is truncated or its layout is inconsistent.");
}
