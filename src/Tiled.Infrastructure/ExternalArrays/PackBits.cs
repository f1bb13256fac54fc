namespace Tiled.Infrastructure.ExternalArrays;

/// <summary>
/// PackBits run-length decoding (TIFF compression 32773): a header byte n in 0..127 copies the next
/// n + 1 bytes, -127..-1 repeats the next byte 1 - n times, and -128 is skipped.
/// </summary>
internal static class PackBits
{
    /// <summary>Decodes into exactly <paramref name="length"/> bytes; throws <see cref="InvalidDataException"/> when the data runs short.</summary>
    public static byte[] Decode(ReadOnlySpan<byte> input, int length)
    {
        var output = new byte[length];
        var written = 0;
        var position = 0;
        while (written < length && position < input.Length)
        {
            var header = (sbyte)input[position++];
            if (header >= 0)
            {
                var literal = Math.Min(header + 1, Math.Min(length - written, input.Length - position));
                input.Slice(position, literal).CopyTo(output.AsSpan(written));
                position += header + 1;
                written += literal;
            }
            else if (header != -128 && position < input.Length)
            {
                var run = Math.Min(1 - header, length - written);
                output.AsSpan(written, run).Fill(input[position++]);
                written += run;
            }
        }

        return written == length
            ? output
            : throw new InvalidDataException($"PackBits data decodes to {written} bytes; {length} were expected.");
    }
}
