using System.IO.Compression;

namespace Tiled.Infrastructure.ArrayStorage;

/// <summary>
/// Chunk (de)compression for the Zarr v2 compressors we understand: none, <c>zlib</c> and
/// <c>gzip</c> (numcodecs' <c>Zlib</c> and <c>GZip</c>). Stores we create are uncompressed.
/// </summary>
internal static class ChunkCodec
{
    public static bool IsSupported(string? compressorId) => compressorId is null or "zlib" or "gzip";

    /// <summary>Decodes a stored chunk; throws <see cref="InvalidDataException"/> unless it holds exactly <paramref name="length"/> bytes.</summary>
    public static byte[] Decode(byte[] stored, string? compressorId, int length)
    {
        if (compressorId is null)
        {
            return stored.Length == length
                ? stored
                : throw new InvalidDataException($"A Zarr chunk holds {stored.Length} bytes; {length} were expected.");
        }

        var chunk = new byte[length];
        Decode(stored, compressorId, chunk);
        return chunk;
    }

    /// <summary>Decompresses a stored chunk into <paramref name="chunk"/>; throws <see cref="InvalidDataException"/> unless it fills it exactly.</summary>
    public static void Decode(byte[] stored, string compressorId, Span<byte> chunk)
    {
        using var input = new MemoryStream(stored, writable: false);
        using var decompressor = Decompressor(input, compressorId);
        var read = decompressor.ReadAtLeast(chunk, chunk.Length, throwOnEndOfStream: false);
        if (read != chunk.Length || decompressor.ReadByte() != -1)
        {
            throw new InvalidDataException($"A {compressorId} Zarr chunk does not decompress to {chunk.Length} bytes.");
        }
    }

    /// <summary>Encodes a chunk for storage with <paramref name="compressorId"/>.</summary>
    public static byte[] Encode(byte[] chunk, string? compressorId)
    {
        return compressorId is null ? chunk : Compress(chunk, compressorId);
    }

    /// <summary>Compresses a chunk for storage with <paramref name="compressorId"/>.</summary>
    public static byte[] Compress(ReadOnlySpan<byte> chunk, string compressorId)
    {
        using var output = new MemoryStream();
        using (var compressor = Compressor(output, compressorId))
        {
            compressor.Write(chunk);
        }

        return output.ToArray();
    }

    private static Stream Decompressor(Stream input, string compressorId) => compressorId switch
    {
        "zlib" => new ZLibStream(input, CompressionMode.Decompress),
        "gzip" => new GZipStream(input, CompressionMode.Decompress),
        _ => throw Unsupported(compressorId),
    };

    private static Stream Compressor(Stream output, string compressorId) => compressorId switch
    {
        "zlib" => new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true),
        "gzip" => new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true),
        _ => throw Unsupported(compressorId),
    };

    private static NotSupportedException Unsupported(string compressorId) =>
        new($"Zarr compressor '{compressorId}' is not supported (only none, zlib and gzip).");
}
