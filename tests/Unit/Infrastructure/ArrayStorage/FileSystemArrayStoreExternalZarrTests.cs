using FluentAssertions;
using Tiled.Formats.DataTypes;
using Tiled.Infrastructure.ArrayStorage;
using Xunit;

namespace Tiled.UnitTests.Infrastructure.ArrayStorage;

/// <summary>Stores that another Zarr writer created: compressed, nested keys, non-zero fill values.</summary>
public sealed class FileSystemArrayStoreExternalZarrTests : IDisposable
{
    private readonly TemporaryStore _fixture = new();

    private FileSystemArrayStore Store => _fixture.Store;

    public void Dispose() => _fixture.Dispose();

    [Theory]
    [InlineData("zlib")]
    [InlineData("gzip")]
    public async Task A_compressed_store_is_read_and_written_in_its_own_codec(string compressor)
    {
        var structure = TestArrays.Regular(DataType.UInt8, [5], [3]);
        var uri = _fixture.ExternalStore($$"""{"id": "{{compressor}}", "level": 1}""", "\".\"", "0", "\"|u1\"", [5], [3]);
        var directory = DataUris.ToPath(uri);
        await File.WriteAllBytesAsync(Path.Combine(directory, "0"), ChunkCodec.Encode([1, 2, 3], compressor));

        await Store.WriteBoxAsync(uri, structure, [2], [2], new byte[] { 30, 40 }, default);

        (await Store.ReadBoxAsync(uri, structure, [0], [5], default)).Should().Equal(1, 2, 30, 40, 0);
        ChunkCodec.Decode(await File.ReadAllBytesAsync(Path.Combine(directory, "1")), compressor, 3).Should().Equal(40, 0, 0);
    }

    [Fact]
    public async Task A_store_with_nested_chunk_keys_is_read_and_written()
    {
        var structure = TestArrays.Regular(DataType.UInt8, [4, 4], [2, 2]);
        var uri = _fixture.ExternalStore("null", "\"/\"", "0", "\"|u1\"", [4, 4], [2, 2]);

        await Store.WriteBoxAsync(uri, structure, [1, 1], [2, 2], new byte[] { 1, 2, 3, 4 }, default);

        File.Exists(Path.Combine(DataUris.ToPath(uri), "1", "1")).Should().BeTrue();
        (await Store.ReadBoxAsync(uri, structure, [1, 1], [2, 2], default)).Should().Equal(1, 2, 3, 4);
    }

    [Fact]
    public async Task Whole_chunks_of_a_nested_store_are_written_and_replaced_without_leftovers()
    {
        var structure = TestArrays.Regular(DataType.UInt8, [4, 4], [2, 2]);
        var uri = _fixture.ExternalStore("null", "\"/\"", "0", "\"|u1\"", [4, 4], [2, 2]);

        await Store.WriteBoxAsync(uri, structure, [2, 0], [2, 2], new byte[] { 1, 2, 3, 4 }, default);
        await Store.WriteBoxAsync(uri, structure, [2, 0], [2, 2], new byte[] { 5, 6, 7, 8 }, default);

        (await File.ReadAllBytesAsync(Path.Combine(DataUris.ToPath(uri), "1", "0"))).Should().Equal(5, 6, 7, 8);
        (await Store.ReadBoxAsync(uri, structure, [0, 0], [4, 4], default)).Should().Equal(0, 0, 0, 0, 0, 0, 0, 0, 5, 6, 0, 0, 7, 8, 0, 0);
        Directory.GetFiles(DataUris.ToPath(uri), "*", SearchOption.AllDirectories).Select(Path.GetFileName).Should().BeEquivalentTo(".zarray", "0");
    }

    [Fact]
    public async Task Missing_chunks_of_a_store_with_a_fill_value_read_as_that_value()
    {
        var structure = TestArrays.Regular(DataType.Int16, [3], [2]);
        var uri = _fixture.ExternalStore("null", "\".\"", "-1", "\"<i2\"", [3], [2]);

        await Store.WriteBoxAsync(uri, structure, [0], [1], new byte[] { 5, 0 }, default);

        (await Store.ReadBoxAsync(uri, structure, [0], [3], default)).Should().Equal(5, 0, 0xFF, 0xFF, 0xFF, 0xFF);
    }
}
