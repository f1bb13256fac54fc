namespace Tiled.Infrastructure.ExternalArrays;

/// <summary>
/// TIFF's LZW decoder (compression 5, TIFF 6.0 section 13): codes are read most significant bit
/// first, start 9 bits wide and grow to 12; 256 clears the table and 257 ends the data. The width
/// grows one code early (the "early change" that every TIFF LZW writer uses): when the next free
/// code reaches 511, 1023 and 2047. The pre-6.0 "old-style" variant (least significant bit first) is
/// not supported.
/// </summary>
internal static class TiffLzw
{
    private const int ClearCode = 256;
    private const int EndCode = 257;
    private const int FirstFree = 258;
    private const int MaxWidth = 12;
    private const int TableSize = 1 << MaxWidth;

    /// <summary>
    /// Decodes <paramref name="input"/> into exactly <paramref name="length"/> bytes (output beyond
    /// that is dropped). Throws <see cref="InvalidDataException"/> for a corrupt or short stream.
    /// </summary>
    public static byte[] Decode(ReadOnlySpan<byte> input, int length)
    {
        if (input.Length >= 2 && input[0] == 0 && (input[1] & 1) == 1)
        {
            throw new NotSupportedException("Old-style (pre-TIFF 6.0) LZW data is not supported.");
        }

        var output = new byte[length];
        var prefix = new short[TableSize];
        var suffix = new byte[TableSize];
        var first = new byte[TableSize];
        var lengths = new int[TableSize];
        for (var i = 0; i < 256; i++)
        {
            suffix[i] = (byte)i;
            first[i] = (byte)i;
            lengths[i] = 1;
        }

        var written = 0;
        var next = FirstFree;
        var width = 9;
        var previous = -1;
        long bitBuffer = 0;
        var bitCount = 0;
        var position = 0;
        while (written < length)
        {
            while (bitCount < width && position < input.Length)
            {
                bitBuffer = (bitBuffer << 8) | input[position++];
                bitCount += 8;
            }

            if (bitCount < width)
            {
                break;
            }

            var code = (int)((bitBuffer >> (bitCount - width)) & ((1 << width) - 1));
            bitCount -= width;
            if (code == ClearCode)
            {
                next = FirstFree;
                width = 9;
                previous = -1;
                continue;
            }

            if (code == EndCode)
            {
                break;
            }

            if (previous < 0)
            {
                if (code > 255)
                {
                    throw new InvalidDataException($"LZW data starts a string with code {code}, which is not a literal.");
                }

                output[written++] = (byte)code;
                previous = code;
                continue;
            }

            if (code > next || (code == next && next >= TableSize))
            {
                throw new InvalidDataException($"LZW data holds code {code} before the table has it.");
            }

            if (next < TableSize)
            {
                // The new string is previous + first byte of code's string (or of previous's when code is new).
                prefix[next] = (short)previous;
                var firstByte = code == next ? first[previous] : first[code];
                suffix[next] = firstByte;
                first[next] = first[previous];
                lengths[next] = lengths[previous] + 1;
                next++;
                if (next >= (1 << width) - 1 && width < MaxWidth)
                {
                    width++;
                }
            }

            written += Emit(code, prefix, suffix, lengths, output, written);
            previous = code;
        }

        return written == length
            ? output
            : throw new InvalidDataException($"LZW data decodes to {written} bytes; {length} were expected.");
    }

    /// <summary>Writes the string of <paramref name="code"/> at <paramref name="at"/>, cut at the end of the output.</summary>
    private static int Emit(int code, short[] prefix, byte[] suffix, int[] lengths, byte[] output, int at)
    {
        var size = lengths[code];
        var end = at + size;
        var skip = Math.Max(0, end - output.Length);
        var position = end - 1;
        for (var c = code; c >= 0; c = prefix[c], position--)
        {
            if (position < output.Length)
            {
                output[position] = suffix[c];
            }

            if (c < 256)
            {
                break;
            }
        }

        return size - skip;
    }
}
