using FluentAssertions;
using Tiled.Domain.Arrays;
using Tiled.Formats.DataTypes;
using Tiled.Infrastructure.ArrayStorage;
using Xunit;

namespace Tiled.UnitTests.Infrastructure.ArrayStorage;

/// <summary>
/// The paths that skip intermediate buffers (whole chunks written from the box, box reads straight
/// from chunk files, a box handed out as its chunk file) give the same bytes as the general ones.
/// </summary>
public sealed class FileSystemArrayStoreFastPathTests : IDisposable
{
    private readonly TemporaryStore _fixture = new();

    private FileSystemArrayStore Store => _fixture.Store;

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task A_box_of_whole_chunks_written_as_runs_reads_back_element_for_element()
    {
        // 4 whole 2x2 chunks of a 5x4 array (the last row of chunks is ragged), written from one wide box.
        var structure = TestArrays.Int64([5, 4], [2, 2]);
        var uri = await Store.CreateAsync(["a"], structure, default);
        var all = Sequence(5 * 4 * 8);

        await Store.WriteBoxAsync(uri, structure, [0, 0], [5, 4], all, default);

        (await Store.ReadBoxAsync(uri, structure, [0, 0], [5, 4], default)).Should().Equal(all);
        (await Store.ReadBoxAsync(uri, structure, [1, 1], [3, 2], default)).Should().Equal(Box(all, [5, 4], [1, 1], [3, 2], 8));
        var edge = await File.ReadAllBytesAsync(Path.Combine(DataUris.ToPath(uri), "2.1"));
        edge.Should().HaveCount(2 * 2 * 8, "an edge chunk is stored at full chunk size");
        edge.AsSpan(0, 16).ToArray().Should().Equal(Box(all, [5, 4], [4, 2], [1, 2], 8));
    }

    [Fact]
    public async Task The_file_of_a_whole_stored_chunk_holds_exactly_the_bytes_the_general_read_gives()
    {
        var structure = TestArrays.Regular(DataType.Float32, [6, 4], [3, 4]);
        var uri = await Store.CreateAsync(["a"], structure, default);
        await Store.WriteBoxAsync(uri, structure, [0, 0], [6, 4], Sequence(6 * 4 * 4), default);

        await using var file = await Store.TryOpenBoxFileAsync(uri, structure, [3, 0], [3, 4], default);

        var opened = file.Should().BeOfType<FileStream>("a whole stored chunk is handed out as its file").Which;
        var bytes = new byte[opened.Length];
        await opened.ReadExactlyAsync(bytes);
        bytes.Should().Equal(await Store.ReadBoxAsync(uri, structure, [3, 0], [3, 4], default));
    }

    [Theory]
    [InlineData(new long[] { 4, 0 }, new long[] { 1, 4 })] // an edge chunk: the box is smaller than the stored chunk
    [InlineData(new long[] { 1, 0 }, new long[] { 3, 4 })] // not on the chunk grid
    [InlineData(new long[] { 0, 0 }, new long[] { 2, 4 })] // part of a chunk
    public async Task No_file_is_handed_out_unless_the_box_is_exactly_one_stored_chunk(long[] start, long[] count)
    {
        var structure = TestArrays.Regular(DataType.UInt8, [5, 4], [3, 4]);
        var uri = await Store.CreateAsync(["a"], structure, default);
        await Store.WriteBoxAsync(uri, structure, [0, 0], [5, 4], Sequence(20), default);

        (await Store.TryOpenBoxFileAsync(uri, structure, start, count, default)).Should().BeNull();
    }

    [Fact]
    public async Task No_file_is_handed_out_for_a_chunk_never_written_or_a_compressed_store()
    {
        var structure = TestArrays.Regular(DataType.UInt8, [6], [3]);
        var uri = await Store.CreateAsync(["a"], structure, default);
        (await Store.TryOpenBoxFileAsync(uri, structure, [0], [3], default)).Should().BeNull();

        var compressed = _fixture.ExternalStore("""{"id": "zlib", "level": 1}""", "\".\"", "7", "\"|u1\"", [6], [3]);
        await Store.WriteBoxAsync(compressed, structure, [0], [3], new byte[] { 1, 2, 3 }, default);
        (await Store.TryOpenBoxFileAsync(compressed, structure, [0], [3], default)).Should().BeNull();
        (await Store.ReadBoxAsync(compressed, structure, [0], [6], default)).Should().Equal(1, 2, 3, 7, 7, 7);
    }

    [Fact]
    public async Task A_partly_written_chunk_keeps_its_other_values_and_unwritten_chunks_read_as_the_fill_value()
    {
        var structure = TestArrays.Regular(DataType.Int16, [4], [2]);
        var uri = _fixture.ExternalStore("null", "\".\"", "-1", "\"<i2\"", [4], [2]);
        await Store.WriteBoxAsync(uri, structure, [0], [2], new byte[] { 1, 0, 2, 0 }, default);

        await Store.WriteBoxAsync(uri, structure, [1], [1], new byte[] { 9, 0 }, default);

        (await Store.ReadBoxAsync(uri, structure, [0], [4], default)).Should().Equal(1, 0, 9, 0, 0xFF, 0xFF, 0xFF, 0xFF);
    }

    private static byte[] Sequence(int length) => Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();

    /// <summary>The box's bytes picked element by element from a C-order array of <paramref name="shape"/> (2-d).</summary>
    private static byte[] Box(byte[] array, long[] shape, long[] start, long[] count, int itemSize)
    {
        var result = new List<byte>();
        for (var i = start[0]; i < start[0] + count[0]; i++)
        {
            for (var j = start[1]; j < start[1] + count[1]; j++)
            {
                result.AddRange(array.AsSpan((int)(((i * shape[1]) + j) * itemSize), itemSize).ToArray());
            }
        }

        return [.. result];
    }
}
