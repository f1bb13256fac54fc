using System.Numerics;

namespace Tiled.Formats.Arrow;

/// <summary>Arrow bitmaps: bit i of the array is bit (i % 8) of byte (i / 8), least significant first.</summary>
internal static class ArrowBitmap
{
    public static int ByteLength(long bits) => checked((int)((bits + 7) / 8));

    public static bool Get(ReadOnlySpan<byte> bitmap, int index) => (bitmap[index >> 3] & (1 << (index & 7))) != 0;

    public static void Set(Span<byte> bitmap, int index) => bitmap[index >> 3] |= (byte)(1 << (index & 7));

    /// <summary>Number of unset bits among bits [offset, offset + length); the caller checked the bitmap is long enough.</summary>
    public static int CountUnset(ReadOnlySpan<byte> bitmap, int offset, int length)
    {
        var set = 0;
        var index = offset;
        var end = offset + length;
        while (index < end && (index & 7) != 0)
        {
            set += Get(bitmap, index) ? 1 : 0;
            index++;
        }

        while (end - index >= 8)
        {
            set += BitOperations.PopCount(bitmap[index >> 3]);
            index += 8;
        }

        while (index < end)
        {
            set += Get(bitmap, index) ? 1 : 0;
            index++;
        }

        return length - set;
    }

    /// <summary>A new bitmap holding bits [offset, offset + length) at bit 0, with the unused high bits of its last byte zero.</summary>
    public static byte[] Copy(ReadOnlySpan<byte> bitmap, int offset, int length)
    {
        var copy = new byte[ByteLength(length)];
        if ((offset & 7) == 0)
        {
            bitmap.Slice(offset >> 3, copy.Length).CopyTo(copy);
        }
        else
        {
            for (var i = 0; i < length; i++)
            {
                if (Get(bitmap, offset + i))
                {
                    Set(copy, i);
                }
            }
        }

        if ((length & 7) != 0)
        {
            copy[^1] &= (byte)((1 << (length & 7)) - 1);
        }

        return copy;
    }
}
