using FluentAssertions;
using Tiled.Application.Abstractions;
using Tiled.Formats.DataTypes;
using Tiled.Infrastructure.ArrayStorage;
using Tiled.Infrastructure.ExternalArrays;
using Xunit;

namespace Tiled.UnitTests.Infrastructure.ExternalArrays;

public sealed class ZarrFormatTests : IDisposable
{
    private const string Zarr = ExternalArrayReader.ZarrMimetype;
    private readonly ExternalFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task A_compressed_store_reports_its_own_chunks_and_fills_missing_chunks()
    {
        var directory = Store("z", """{"id": "zlib", "level": 1}""", "\"<i2\"", "-1", [5, 4], [2, 3]);
        // Chunk (0,0) holds rows 0-1, columns 0-2; chunk (2,1) is the ragged corner; the others are missing.
        await File.WriteAllBytesAsync(Path.Combine(directory, "0.0"), ChunkCodec.Encode(Int16(1, 2, 3, 4, 5, 6), "zlib"));
        await File.WriteAllBytesAsync(Path.Combine(directory, "2.1"), ChunkCodec.Encode(Int16(7, 8, 9, 10, 11, 12), "zlib"));
        var source = ExternalFixture.Source(Zarr, null, directory);

        var structure = await _fixture.Reader.InspectAsync(source, default);

        structure.DataType.Should().Be(DataType.Int16);
        structure.Shape.Should().Equal(5, 4);
        structure.Chunks.Should().BeEquivalentTo(new[] { new long[] { 2, 2, 1 }, [3, 1] }, o => o.WithStrictOrdering());
        var all = await _fixture.Reader.ReadBoxAsync(source, structure, [0, 0], [5, 4], default);
        all.Should().Equal(Int16(1, 2, 3, -1, 4, 5, 6, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 7));
    }

    [Fact]
    public async Task A_big_endian_store_is_served_in_its_order_or_swapped()
    {
        var directory = Store("be", "null", "\">u2\"", "0", [3], [3]);
        await File.WriteAllBytesAsync(Path.Combine(directory, "0"), [0, 1, 1, 0, 0xFF, 0xFE]);
        var source = ExternalFixture.Source(Zarr, null, directory);
        var structure = await _fixture.Reader.InspectAsync(source, default);

        structure.DataType.Should().Be(new DataType('u', 2, Endianness.Big));
        (await _fixture.Reader.ReadBoxAsync(source, structure, [0], [3], default)).Should().Equal(0, 1, 1, 0, 0xFF, 0xFE);
        (await _fixture.Reader.ReadBoxAsync(source, structure with { DataType = DataType.UInt16 }, [1], [2], default))
            .Should().Equal(0, 1, 0xFE, 0xFF);
    }

    [Fact]
    public async Task A_store_with_an_unsupported_compressor_is_unsupported()
    {
        var directory = Store("blosc", """{"id": "blosc", "cname": "lz4"}""", "\"<f8\"", "0.0", [4], [2]);

        (await Code(ExternalFixture.Source(Zarr, null, directory))).Should().Be(ExternalDataException.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_directory_without_zarray_or_a_file_is_invalid()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_fixture.Root, "empty")).FullName;
        var file = _fixture.Write("not-a-dir", [1]);

        (await Code(ExternalFixture.Source(Zarr, null, empty))).Should().Be(ExternalDataException.InvalidExternalData);
        (await Code(ExternalFixture.Source(Zarr, null, file))).Should().Be(ExternalDataException.InvalidExternalData);
    }

    [Fact]
    public async Task A_corrupt_chunk_is_invalid()
    {
        var directory = Store("corrupt", """{"id": "zlib", "level": 1}""", "\"|u1\"", "0", [4], [4]);
        await File.WriteAllBytesAsync(Path.Combine(directory, "0"), [1, 2, 3]);
        var source = ExternalFixture.Source(Zarr, null, directory);
        var structure = await _fixture.Reader.InspectAsync(source, default);

        var act = () => _fixture.Reader.ReadBoxAsync(source, structure, [0], [4], default);

        (await act.Should().ThrowAsync<ExternalDataException>()).Which.ErrorCode.Should().Be(ExternalDataException.InvalidExternalData);
    }

    [Fact]
    public async Task A_chunk_linked_to_a_file_outside_the_roots_is_forbidden()
    {
        var directory = Store("linked", "null", "\"|u1\"", "0", [4], [4]);
        var secret = Path.Combine(_fixture.Outside, "secret");
        await File.WriteAllBytesAsync(secret, [1, 2, 3, 4]);
        File.CreateSymbolicLink(Path.Combine(directory, "0"), secret);
        var source = ExternalFixture.Source(Zarr, null, directory);
        var structure = await _fixture.Reader.InspectAsync(source, default);

        var act = () => _fixture.Reader.ReadBoxAsync(source, structure, [0], [4], default);

        (await act.Should().ThrowAsync<ExternalDataException>()).Which.ErrorCode.Should().Be(ExternalDataException.ForbiddenPath);
    }

    [Fact]
    public async Task A_zarray_linked_to_outside_the_roots_is_forbidden()
    {
        var outsideStore = Path.Combine(_fixture.Outside, "store");
        Directory.CreateDirectory(outsideStore);
        await File.WriteAllTextAsync(Path.Combine(outsideStore, ".zarray"), Zarray("null", "\"|u1\"", "0", [4], [4]));
        var directory = Directory.CreateDirectory(Path.Combine(_fixture.Root, "sneaky")).FullName;
        File.CreateSymbolicLink(Path.Combine(directory, ".zarray"), Path.Combine(outsideStore, ".zarray"));

        (await Code(ExternalFixture.Source(Zarr, null, directory))).Should().Be(ExternalDataException.ForbiddenPath);
    }

    private string Store(string name, string compressor, string dtype, string fill, long[] shape, long[] chunks)
    {
        var directory = Directory.CreateDirectory(Path.Combine(_fixture.Root, name)).FullName;
        File.WriteAllText(Path.Combine(directory, ".zarray"), Zarray(compressor, dtype, fill, shape, chunks));
        return directory;
    }

    private static string Zarray(string compressor, string dtype, string fill, long[] shape, long[] chunks) => $$"""
        {"zarr_format": 2, "shape": [{{string.Join(",", shape)}}], "chunks": [{{string.Join(",", chunks)}}],
         "dtype": {{dtype}}, "compressor": {{compressor}}, "fill_value": {{fill}}, "order": "C",
         "filters": null, "dimension_separator": "."}
        """;

    private static byte[] Int16(params short[] values) => values.SelectMany(BitConverter.GetBytes).ToArray();

    private Task<string> Code(Tiled.Domain.DataSources.DataSource source) => ExternalCodes.OfInspectAsync(_fixture.Reader, source);
}
