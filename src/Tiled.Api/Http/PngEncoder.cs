using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using Tiled.Formats.ArrayImage;

namespace Tiled.Api.Http;

/// <summary>
/// Writes 8-bit pixels as a PNG file (PNG 1.2: IHDR, one zlib-compressed IDAT with filter type 0
/// on every row, IEND). Compression is the framework's <see cref="ZLibStream"/> and the chunk
/// checksums System.IO.Hashing's CRC-32 (ADR 0015 says why no image library).
/// </summary>
internal static class PngEncoder
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static byte[] Encode(ImagePixels image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var colorType = image.Channels switch
        {
            1 => (byte)0,
            2 => (byte)4,
            3 => (byte)2,
            4 => (byte)6,
            _ => throw new ArgumentException($"PNG has no colour type for {image.Channels} channels.", nameof(image)),
        };
        using var output = new MemoryStream();
        output.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, image.Width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], image.Height);
        header[8] = 8; // bit depth
        header[9] = colorType;
        WriteChunk(output, "IHDR"u8, header);

        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                var stride = image.Width * image.Channels;
                for (var row = 0; row < image.Height; row++)
                {
                    zlib.WriteByte(0); // filter: none
                    zlib.Write(image.Pixels, row * stride, stride);
                }
            }

            WriteChunk(output, "IDAT"u8, compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        }

        WriteChunk(output, "IEND"u8, []);
        return output.ToArray();
    }

    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        output.Write(type);
        output.Write(data);
        var crc = new Crc32();
        crc.Append(type);
        crc.Append(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, crc.GetCurrentHashAsUInt32());
        output.Write(word);
    }
}
