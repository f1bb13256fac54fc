using System.IO.Compression;
using Microsoft.Win32.SafeHandles;

namespace Tiled.Infrastructure.ExternalArrays;

/// <summary>
/// TIFF compression schemes we decode: 1 (none), 5 (LZW), 8 and 32946 (Deflate, zlib-wrapped) and
/// 32773 (PackBits). Decoding a segment also undoes its predictor.
/// </summary>
internal static class TiffCompression
{
    public const int None = 1;
    public const int Lzw = 5;
    public const int Deflate = 8;
    public const int LegacyDeflate = 32946;
    public const int PackBitsCode = 32773;

    public static bool IsSupported(int compression) => compression is None or Lzw or Deflate or LegacyDeflate or PackBitsCode;

    public static string Name(int compression) => compression switch
    {
        None => "none",
        2 => "CCITT RLE",
        3 or 4 => "CCITT fax",
        Lzw => "LZW",
        6 or 7 => "JPEG",
        Deflate or LegacyDeflate => "Deflate",
        PackBitsCode => "PackBits",
        34887 => "LERC",
        34925 => "LZMA",
        50000 => "Zstandard",
        50001 => "WebP",
        _ => $"scheme {compression}",
    };

    /// <summary>
    /// Reads the segment at <paramref name="index"/> of <paramref name="page"/> and returns its
    /// <paramref name="rows"/> rows of samples in the file's byte order.
    /// </summary>
    public static byte[] DecodeSegment(SafeFileHandle file, TiffPage page, long index, long rows)
    {
        var expected = checked((int)(rows * page.SegmentWidth * page.SamplesPerPixel * page.FileType.ItemSize));
        var stored = page.ByteCounts[index];
        if (stored > Array.MaxLength)
        {
            throw new InvalidDataException($"A TIFF segment claims {stored} bytes.");
        }

        var raw = new byte[stored];
        FileWindow.ReadExactly(file, page.Offsets[index], raw);
        var decoded = page.Compression switch
        {
            None => raw.Length >= expected
                ? raw[..expected]
                : throw new InvalidDataException($"An uncompressed TIFF segment holds {raw.Length} bytes; {expected} were expected."),
            Lzw => TiffLzw.Decode(raw, expected),
            Deflate or LegacyDeflate => Inflate(raw, expected),
            PackBitsCode => PackBits.Decode(raw, expected),
            _ => throw new NotSupportedException($"TIFF compression {Name(page.Compression)} is not supported."),
        };
        TiffPredictor.Undo(decoded, page.Predictor, page.SegmentWidth, page.SamplesPerPixel, page.FileType.ItemSize,
            page.FileType.IsBigEndian);
        return decoded;
    }

    private static byte[] Inflate(byte[] raw, int expected)
    {
        using var input = new MemoryStream(raw, writable: false);
        using var inflater = new ZLibStream(input, CompressionMode.Decompress);
        var output = new byte[expected];
        var read = inflater.ReadAtLeast(output, expected, throwOnEndOfStream: false);
        return read == expected
            ? output
            : throw new InvalidDataException($"Deflate data decodes to {read} bytes; {expected} were expected.");
    }
}
