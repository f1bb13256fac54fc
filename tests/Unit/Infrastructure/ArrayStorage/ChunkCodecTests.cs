using System.IO.Compression;
using FluentAssertions;
using Tiled.Infrastructure.ArrayStorage;
using Xunit;

namespace Tiled.UnitTests.Infrastructure.ArrayStorage;

public sealed class ChunkCodecTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("zlib")]
    [InlineData("gzip")]
    public void Encoded_chunks_decode_to_the_same_bytes(string? compressor)
    {
        var chunk = TestArrays.RandomBytes(new Random(3), 1000);

        ChunkCodec.Decode(ChunkCodec.Encode(chunk, compressor), compressor, chunk.Length).Should().Equal(chunk);
    }

    [Fact]
    public void Zlib_chunks_from_another_writer_decode()
    {
        var chunk = Enumerable.Range(0, 64).Select(i => (byte)i).ToArray();
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.SmallestSize))
        {
            zlib.Write(chunk);
        }

        ChunkCodec.Decode(output.ToArray(), "zlib", 64).Should().Equal(chunk);
    }

    [Theory]
    [InlineData(null, 7)]
    [InlineData(null, 9)]
    [InlineData("zlib", 7)]
    [InlineData("zlib", 9)]
    public void A_chunk_of_the_wrong_size_is_invalid(string? compressor, int expectedLength)
    {
        var stored = ChunkCodec.Encode(new byte[8], compressor);

        var decode = () => ChunkCodec.Decode(stored, compressor, expectedLength);

        decode.Should().Throw<InvalidDataException>();
    }

    [Fact]
    public void Unknown_compressors_are_not_supported()
    {
        ChunkCodec.IsSupported("blosc").Should().BeFalse();
        var decode = () => ChunkCodec.Decode([1], "blosc", 1);
        decode.Should().Throw<NotSupportedException>();
    }
}
