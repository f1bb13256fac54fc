using FluentAssertions;
using Tiled.Domain.Arrays;
using Tiled.Formats.DataTypes;
using Tiled.Infrastructure.ArrayStorage;
using Xunit;

namespace Tiled.UnitTests.Infrastructure.ArrayStorage;

/// <summary>Creating, writing and reading arrays with <see cref="FileSystemArrayStore"/>.</summary>
public sealed class FileSystemArrayStoreTests : IDisposable
{
    private readonly TemporaryStore _fixture = new();

    private FileSystemArrayStore Store => _fixture.Store;

    public static TheoryData<string, long[], long[]> DtypesAndGeometries()
    {
        var data = new TheoryData<string, long[], long[]>();
        var geometries = new (long[] Shape, long[] Chunk)[] { ([10], [3]), ([7, 5], [3, 2]), ([5, 4, 6], [2, 3, 4]) };
        foreach (var dtype in new[] { "|b1", "|i1", "|u1", "<u2", ">i4", "<i8", "<f4", ">f8", "<c8", "<c16" })
        {
            foreach (var (shape, chunk) in geometries)
            {
                data.Add(dtype, shape, chunk);
            }
        }

        return data;
    }

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Create_returns_a_localhost_file_uri_of_a_new_directory_under_the_root()
    {
        var uri = await Store.CreateAsync(["a", "b"], TestArrays.Int64([10], [5]), default);

        uri.Should().StartWith("file://localhost" + _fixture.Root + "/");
        Directory.Exists(DataUris.ToPath(uri)).Should().BeTrue();
    }

    [Fact]
    public async Task Create_writes_a_zarr_v2_zarray_with_the_first_chunk_length_per_dimension()
    {
        var structure = new ArrayStructure(DataType.Float32, [10, 6], [[4, 4, 2], [6]]);

        var zarray = await TemporaryStore.ReadZarrayAsync(await Store.CreateAsync(["x"], structure, default));

        zarray["zarr_format"]!.GetValue<int>().Should().Be(2);
        zarray["shape"]!.ToJsonString().Should().Be("[10,6]");
        zarray["chunks"]!.ToJsonString().Should().Be("[4,6]");
        zarray["dtype"]!.GetValue<string>().Should().Be("<f4");
        zarray["fill_value"]!.ToJsonString().Should().Be("0.0");
        zarray["order"]!.GetValue<string>().Should().Be("C");
        zarray["dimension_separator"]!.GetValue<string>().Should().Be(".");
    }

    [Fact]
    public async Task Create_gives_a_zero_length_dimension_chunk_length_one()
    {
        var structure = new ArrayStructure(DataType.Int32, [0, 3], [[0], [3]]);

        var zarray = await TemporaryStore.ReadZarrayAsync(await Store.CreateAsync(["x"], structure, default));

        zarray["chunks"]!.ToJsonString().Should().Be("[1,3]");
    }

    [Fact]
    public async Task Create_gives_each_array_its_own_directory_even_for_the_same_path()
    {
        var uris = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            uris.Add(await Store.CreateAsync(["same", "path"], TestArrays.Int64([3], [3]), default));
        }

        uris.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Create_names_the_directory_after_the_node_path_made_file_system_safe()
    {
        var uri = await Store.CreateAsync(["..", "a b", "c/d"], TestArrays.Int64([3], [3]), default);

        Path.GetFileName(DataUris.ToPath(uri)).Should().MatchRegex("^-a_b-c_d-[0-9a-f]{12}$");
        Path.GetDirectoryName(DataUris.ToPath(uri)).Should().Be(_fixture.Root);
    }

    [Theory]
    [MemberData(nameof(DtypesAndGeometries))]
    public async Task The_whole_array_round_trips_for_several_dtypes_and_ranks(string dtype, long[] shape, long[] chunk)
    {
        var structure = TestArrays.Regular(TestArrays.DataTypeOf(dtype), shape, chunk);
        var uri = await Store.CreateAsync(["x"], structure, default);
        var data = TestArrays.RandomBytes(new Random(shape.Length), structure.ByteCount);
        var origin = new long[shape.Length];

        await Store.WriteBoxAsync(uri, structure, origin, shape, data, default);

        (await Store.ReadBoxAsync(uri, structure, origin, shape, default)).Should().Equal(data);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(2, 4)]
    [InlineData(3, 5)]
    public async Task Random_box_writes_and_reads_match_a_reference_array(int rank, int seed)
    {
        var random = new Random(seed);
        var shape = TestArrays.RandomShape(random, rank, 9, minLength: 2);
        var chunk = shape.Select(n => random.NextInt64(1, n + 1)).ToArray();
        var structure = TestArrays.Regular(DataType.Int16, shape, chunk);
        var uri = await Store.CreateAsync(["x"], structure, default);
        var reference = new ReferenceArray(shape, 2);

        for (var write = 0; write < 25; write++)
        {
            var (start, count) = TestArrays.RandomBox(random, shape);
            var data = TestArrays.RandomBytes(random, ChunkLayout.Product(count) * 2);
            await Store.WriteBoxAsync(uri, structure, start, count, data, default);
            reference.Write(start, count, data);

            var (readStart, readCount) = TestArrays.RandomBox(random, shape);
            (await Store.ReadBoxAsync(uri, structure, readStart, readCount, default))
                .Should().Equal(reference.Read(readStart, readCount), "after write {0}", write);
        }

        (await Store.ReadBoxAsync(uri, structure, new long[rank], shape, default)).Should().Equal(reference.Bytes);
    }

    [Fact]
    public async Task Unwritten_regions_read_as_zeros()
    {
        var structure = TestArrays.Int64([10, 10], [3, 3]);
        var uri = await Store.CreateAsync(["x"], structure, default);
        await Store.WriteBoxAsync(uri, structure, [0, 0], [2, 2], TestArrays.Filled(32, 0xAB), default);

        var box = await Store.ReadBoxAsync(uri, structure, [2, 2], [8, 8], default);

        box.Should().HaveCount(8 * 8 * 8).And.OnlyContain(b => b == 0);
    }

    [Fact]
    public async Task Chunk_files_are_named_by_grid_index_and_hold_full_size_chunks()
    {
        var structure = TestArrays.Regular(DataType.Int32, [5, 5], [2, 3]);
        var uri = await Store.CreateAsync(["x"], structure, default);

        await Store.WriteBoxAsync(uri, structure, [0, 0], [5, 5], TestArrays.Filled(100, 1), default);

        var directory = DataUris.ToPath(uri);
        Directory.GetFiles(directory).Select(Path.GetFileName).Should().BeEquivalentTo(
            ".zarray", "0.0", "0.1", "1.0", "1.1", "2.0", "2.1");
        new FileInfo(Path.Combine(directory, "2.1")).Length.Should().Be(2 * 3 * 4);
    }

    [Fact]
    public async Task An_edge_chunk_is_padded_with_zeros()
    {
        var structure = TestArrays.Regular(DataType.UInt8, [5], [3]);
        var uri = await Store.CreateAsync(["x"], structure, default);

        await Store.WriteBoxAsync(uri, structure, [3], [2], new byte[] { 7, 8 }, default);

        (await File.ReadAllBytesAsync(Path.Combine(DataUris.ToPath(uri), "1"))).Should().Equal(7, 8, 0);
    }

    [Fact]
    public async Task A_zero_dimensional_array_keeps_its_value_in_chunk_0()
    {
        var structure = new ArrayStructure(DataType.Float64, [], []);
        var uri = await Store.CreateAsync(["x"], structure, default);
        var value = BitConverter.GetBytes(2.5);

        await Store.WriteBoxAsync(uri, structure, [], [], value, default);

        (await File.ReadAllBytesAsync(Path.Combine(DataUris.ToPath(uri), "0"))).Should().Equal(value);
        (await Store.ReadBoxAsync(uri, structure, [], [], default)).Should().Equal(value);
    }

    [Fact]
    public async Task Bytes_are_stored_in_the_declared_byte_order_without_swapping()
    {
        var structure = TestArrays.Regular(TestArrays.DataTypeOf(">i4"), [2], [2]);
        var uri = await Store.CreateAsync(["x"], structure, default);
        var bigEndianOneAndTwo = new byte[] { 0, 0, 0, 1, 0, 0, 0, 2 };

        await Store.WriteBoxAsync(uri, structure, [0], [2], bigEndianOneAndTwo, default);

        (await File.ReadAllBytesAsync(Path.Combine(DataUris.ToPath(uri), "0"))).Should().Equal(bigEndianOneAndTwo);
        (await TemporaryStore.ReadZarrayAsync(uri))["dtype"]!.GetValue<string>().Should().Be(">i4");
    }

    [Fact]
    public async Task Concurrent_writes_to_disjoint_elements_of_one_chunk_are_all_kept()
    {
        var structure = TestArrays.Regular(DataType.UInt8, [64], [64]);
        var uri = await Store.CreateAsync(["x"], structure, default);

        await Task.WhenAll(Enumerable.Range(0, 64).Select(i =>
            Task.Run(() => Store.WriteBoxAsync(uri, structure, [i], [1], new[] { (byte)(i + 1) }, default))));

        (await Store.ReadBoxAsync(uri, structure, [0], [64], default))
            .Should().Equal(Enumerable.Range(1, 64).Select(i => (byte)i));
    }

    [Fact]
    public async Task Data_of_the_wrong_length_is_rejected()
    {
        var structure = TestArrays.Int64([4], [2]);
        var uri = await Store.CreateAsync(["x"], structure, default);

        var write = () => Store.WriteBoxAsync(uri, structure, [0], [2], new byte[15], default);

        await write.Should().ThrowAsync<ArgumentException>();
    }

    [Theory]
    [InlineData(new long[] { 3 }, new long[] { 2 })]
    [InlineData(new long[] { -1 }, new long[] { 1 })]
    [InlineData(new long[] { 0, 0 }, new long[] { 1, 1 })]
    public async Task A_box_outside_the_shape_is_rejected(long[] start, long[] count)
    {
        var structure = TestArrays.Int64([4], [2]);
        var uri = await Store.CreateAsync(["x"], structure, default);

        var read = () => Store.ReadBoxAsync(uri, structure, start, count, default);
        var write = () => Store.WriteBoxAsync(uri, structure, start, count, new byte[Math.Max(0, count.Aggregate(8L, (a, b) => a * b))], default);

        await read.Should().ThrowAsync<ArgumentException>();
        await write.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task A_structure_with_another_dtype_is_rejected()
    {
        var uri = await Store.CreateAsync(["x"], TestArrays.Int64([4], [2]), default);

        var read = () => Store.ReadBoxAsync(uri, TestArrays.Regular(DataType.Float64, [4], [2]), [0], [4], default);

        await read.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task An_empty_box_reads_no_bytes()
    {
        var structure = TestArrays.Int64([4, 4], [2, 2]);
        var uri = await Store.CreateAsync(["x"], structure, default);

        (await Store.ReadBoxAsync(uri, structure, [1, 1], [0, 3], default)).Should().BeEmpty();
    }

    [Fact]
    public async Task Data_uris_with_an_empty_host_are_accepted()
    {
        var structure = TestArrays.Int64([2], [2]);
        var uri = await Store.CreateAsync(["x"], structure, default);
        var plain = "file://" + DataUris.ToPath(uri);

        await Store.WriteBoxAsync(plain, structure, [0], [2], TestArrays.Filled(16, 3), default);

        (await Store.ReadBoxAsync(uri, structure, [0], [2], default)).Should().Equal(TestArrays.Filled(16, 3));
    }

    [Fact]
    public async Task Reading_storage_that_does_not_exist_fails_with_file_not_found()
    {
        var read = () => Store.ReadBoxAsync(DataUris.FromPath(Path.Combine(_fixture.Root, "nope")), TestArrays.Int64([2], [2]), [0], [2], default);

        await read.Should().ThrowAsync<FileNotFoundException>();
    }
}
