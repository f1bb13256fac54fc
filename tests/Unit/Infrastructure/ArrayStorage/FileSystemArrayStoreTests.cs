using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.Domain.Arrays;
using Tiled.Formats.DataTypes;
using Tiled.Infrastructure.ArrayStorage;
using Xunit;

namespace Tiled.UnitTests.Infrastructure.ArrayStorage;

public sealed class FileSystemArrayStoreTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new();
    private readonly FileSystemArrayStore _store;
    private readonly string _root;

    public FileSystemArrayStoreTests()
    {
        _root = Path.Combine(_temp.Path, "data");
        _store = new FileSystemArrayStore(new ArrayStorageOptions(_root));
    }

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

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Create_returns_a_localhost_file_uri_of_a_new_directory_under_the_root()
    {
        var uri = await _store.CreateAsync(["a", "b"], Int64([10], [5]), default);

        uri.Should().StartWith("file://localhost" + _root + "/");
        Directory.Exists(DataUris.ToPath(uri)).Should().BeTrue();
    }

    [Fact]
    public async Task Create_writes_a_zarr_v2_zarray_with_the_first_chunk_length_per_dimension()
    {
        var structure = new ArrayStructure(DataType.Float32, [10, 6], [[4, 4, 2], [6]]);

        var zarray = await ReadZarrayAsync(await _store.CreateAsync(["x"], structure, default));

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

        var zarray = await ReadZarrayAsync(await _store.CreateAsync(["x"], structure, default));

        zarray["chunks"]!.ToJsonString().Should().Be("[1,3]");
    }

    [Fact]
    public async Task Create_gives_each_array_its_own_directory_even_for_the_same_path()
    {
        var uris = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            uris.Add(await _store.CreateAsync(["same", "path"], Int64([3], [3]), default));
        }

        uris.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Create_names_the_directory_after_the_node_path_made_file_system_safe()
    {
        var uri = await _store.CreateAsync(["..", "a b", "c/d"], Int64([3], [3]), default);

        Path.GetFileName(DataUris.ToPath(uri)).Should().MatchRegex("^-a_b-c_d-[0-9a-f]{12}$");
        Path.GetDirectoryName(DataUris.ToPath(uri)).Should().Be(_root);
    }

    [Theory]
    [MemberData(nameof(DtypesAndGeometries))]
    public async Task The_whole_array_round_trips_for_several_dtypes_and_ranks(string dtype, long[] shape, long[] chunk)
    {
        var structure = TestArrays.Regular(DataTypeOf(dtype), shape, chunk);
        var uri = await _store.CreateAsync(["x"], structure, default);
        var data = TestArrays.RandomBytes(new Random(shape.Length), structure.ByteCount);
        var origin = new long[shape.Length];

        await _store.WriteBoxAsync(uri, structure, origin, shape, data, default);

        (await _store.ReadBoxAsync(uri, structure, origin, shape, default)).Should().Equal(data);
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
        var uri = await _store.CreateAsync(["x"], structure, default);
        var reference = new ReferenceArray(shape, 2);

        for (var write = 0; write < 25; write++)
        {
            var (start, count) = TestArrays.RandomBox(random, shape);
            var data = TestArrays.RandomBytes(random, ChunkLayout.Product(count) * 2);
            await _store.WriteBoxAsync(uri, structure, start, count, data, default);
            reference.Write(start, count, data);

            var (readStart, readCount) = TestArrays.RandomBox(random, shape);
            (await _store.ReadBoxAsync(uri, structure, readStart, readCount, default))
                .Should().Equal(reference.Read(readStart, readCount), "after write {0}", write);
        }

        (await _store.ReadBoxAsync(uri, structure, new long[rank], shape, default)).Should().Equal(reference.Bytes);
    }

    [Fact]
    public async Task Unwritten_regions_read_as_zeros()
    {
        var structure = Int64([10, 10], [3, 3]);
        var uri = await _store.CreateAsync(["x"], structure, default);
        await _store.WriteBoxAsync(uri, structure, [0, 0], [2, 2], Filled(32, 0xAB), default);

        var box = await _store.ReadBoxAsync(uri, structure, [2, 2], [8, 8], default);

        box.Should().HaveCount(8 * 8 * 8).And.OnlyContain(b => b == 0);
    }

    [Fact]
    public async Task Chunk_files_are_named_by_grid_index_and_hold_full_size_chunks()
    {
        var structure = TestArrays.Regular(DataType.Int32, [5, 5], [2, 3]);
        var uri = await _store.CreateAsync(["x"], structure, default);

        await _store.WriteBoxAsync(uri, structure, [0, 0], [5, 5], Filled(100, 1), default);

        var directory = DataUris.ToPath(uri);
        Directory.GetFiles(directory).Select(Path.GetFileName).Should().BeEquivalentTo(
            ".zarray", "0.0", "0.1", "1.0", "1.1", "2.0", "2.1");
        new FileInfo(Path.Combine(directory, "2.1")).Length.Should().Be(2 * 3 * 4);
    }

    [Fact]
    public async Task An_edge_chunk_is_padded_with_zeros()
    {
        var structure = TestArrays.Regular(DataType.UInt8, [5], [3]);
        var uri = await _store.CreateAsync(["x"], structure, default);

        await _store.WriteBoxAsync(uri, structure, [3], [2], new byte[] { 7, 8 }, default);

        (await File.ReadAllBytesAsync(Path.Combine(DataUris.ToPath(uri), "1"))).Should().Equal(7, 8, 0);
    }

    [Fact]
    public async Task A_zero_dimensional_array_keeps_its_value_in_chunk_0()
    {
        var structure = new ArrayStructure(DataType.Float64, [], []);
        var uri = await _store.CreateAsync(["x"], structure, default);
        var value = BitConverter.GetBytes(2.5);

        await _store.WriteBoxAsync(uri, structure, [], [], value, default);

        (await File.ReadAllBytesAsync(Path.Combine(DataUris.ToPath(uri), "0"))).Should().Equal(value);
        (await _store.ReadBoxAsync(uri, structure, [], [], default)).Should().Equal(value);
    }

    [Fact]
    public async Task Bytes_are_stored_in_the_declared_byte_order_without_swapping()
    {
        var structure = TestArrays.Regular(DataTypeOf(">i4"), [2], [2]);
        var uri = await _store.CreateAsync(["x"], structure, default);
        var bigEndianOneAndTwo = new byte[] { 0, 0, 0, 1, 0, 0, 0, 2 };

        await _store.WriteBoxAsync(uri, structure, [0], [2], bigEndianOneAndTwo, default);

        (await File.ReadAllBytesAsync(Path.Combine(DataUris.ToPath(uri), "0"))).Should().Equal(bigEndianOneAndTwo);
        (await ReadZarrayAsync(uri))["dtype"]!.GetValue<string>().Should().Be(">i4");
    }

    [Fact]
    public async Task Writes_leave_no_temporary_files()
    {
        var structure = Int64([20, 20], [3, 7]);
        var uri = await _store.CreateAsync(["x"], structure, default);

        await _store.WriteBoxAsync(uri, structure, [0, 0], [20, 20], Filled(3200, 5), default);
        await _store.WriteBoxAsync(uri, structure, [1, 2], [5, 9], Filled(360, 6), default);
        await _store.ResizeAsync(uri, Int64([30, 20], [3, 7]), default);

        Directory.GetFiles(DataUris.ToPath(uri)).Should().NotContain(f => f.EndsWith(AtomicFile.TemporarySuffix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Concurrent_writes_to_disjoint_elements_of_one_chunk_are_all_kept()
    {
        var structure = TestArrays.Regular(DataType.UInt8, [64], [64]);
        var uri = await _store.CreateAsync(["x"], structure, default);

        await Task.WhenAll(Enumerable.Range(0, 64).Select(i =>
            Task.Run(() => _store.WriteBoxAsync(uri, structure, [i], [1], new[] { (byte)(i + 1) }, default))));

        (await _store.ReadBoxAsync(uri, structure, [0], [64], default))
            .Should().Equal(Enumerable.Range(1, 64).Select(i => (byte)i));
    }

    [Fact]
    public async Task Resize_keeps_values_at_their_positions_and_new_regions_read_as_zeros()
    {
        var structure = TestArrays.Regular(DataType.UInt8, [5, 5], [2, 2]);
        var uri = await _store.CreateAsync(["x"], structure, default);
        var data = Enumerable.Range(1, 25).Select(i => (byte)i).ToArray();
        await _store.WriteBoxAsync(uri, structure, [0, 0], [5, 5], data, default);
        var grown = TestArrays.Regular(DataType.UInt8, [7, 6], [2, 2]);

        await _store.ResizeAsync(uri, grown, default);

        var reference = new ReferenceArray([7, 6], 1);
        reference.Write([0, 0], [5, 5], data);
        (await _store.ReadBoxAsync(uri, grown, [0, 0], [7, 6], default)).Should().Equal(reference.Bytes);
    }

    [Fact]
    public async Task Resize_records_the_new_shape_and_keeps_the_chunk_shape()
    {
        var uri = await _store.CreateAsync(["x"], Int64([4, 4], [2, 3]), default);

        await _store.ResizeAsync(uri, Int64([9, 4], [5, 4]), default);

        var zarray = await ReadZarrayAsync(uri);
        zarray["shape"]!.ToJsonString().Should().Be("[9,4]");
        zarray["chunks"]!.ToJsonString().Should().Be("[2,3]");
    }

    [Fact]
    public async Task Growing_an_empty_array_adopts_the_chunking_of_the_new_structure()
    {
        var uri = await _store.CreateAsync(["x"], Int64([0, 4], [1, 4]), default);

        await _store.ResizeAsync(uri, Int64([10, 4], [5, 4]), default);

        (await ReadZarrayAsync(uri))["chunks"]!.ToJsonString().Should().Be("[5,4]");
    }

    [Fact]
    public async Task Shrinking_then_growing_reads_zeros_where_values_were_cut_off()
    {
        var structure = TestArrays.Regular(DataType.UInt8, [6, 6], [4, 4]);
        var uri = await _store.CreateAsync(["x"], structure, default);
        await _store.WriteBoxAsync(uri, structure, [0, 0], [6, 6], Filled(36, 9), default);

        await _store.ResizeAsync(uri, TestArrays.Regular(DataType.UInt8, [3, 6], [4, 4]), default);
        await _store.ResizeAsync(uri, structure, default);

        var reference = new ReferenceArray([6, 6], 1);
        reference.Write([0, 0], [3, 6], Filled(18, 9));
        (await _store.ReadBoxAsync(uri, structure, [0, 0], [6, 6], default)).Should().Equal(reference.Bytes);
        File.Exists(Path.Combine(DataUris.ToPath(uri), "1.0")).Should().BeFalse();
    }

    [Fact]
    public async Task Delete_removes_the_directory()
    {
        var structure = Int64([4], [2]);
        var uri = await _store.CreateAsync(["x"], structure, default);
        await _store.WriteBoxAsync(uri, structure, [0], [4], Filled(32, 1), default);

        await _store.DeleteAsync(uri, default);

        Directory.Exists(DataUris.ToPath(uri)).Should().BeFalse();
    }

    [Fact]
    public async Task Deleting_missing_storage_is_not_an_error()
    {
        var delete = () => _store.DeleteAsync(DataUris.FromPath(Path.Combine(_root, "never-created")), default);

        await delete.Should().NotThrowAsync();
    }

    [Fact]
    public async Task Delete_refuses_a_directory_that_is_not_a_zarr_array()
    {
        var delete = () => _store.DeleteAsync(DataUris.FromPath(_temp.Path), default);

        await delete.Should().ThrowAsync<InvalidOperationException>();
        Directory.Exists(_temp.Path).Should().BeTrue();
    }

    [Fact]
    public async Task Data_of_the_wrong_length_is_rejected()
    {
        var structure = Int64([4], [2]);
        var uri = await _store.CreateAsync(["x"], structure, default);

        var write = () => _store.WriteBoxAsync(uri, structure, [0], [2], new byte[15], default);

        await write.Should().ThrowAsync<ArgumentException>();
    }

    [Theory]
    [InlineData(new long[] { 3 }, new long[] { 2 })]
    [InlineData(new long[] { -1 }, new long[] { 1 })]
    [InlineData(new long[] { 0, 0 }, new long[] { 1, 1 })]
    public async Task A_box_outside_the_shape_is_rejected(long[] start, long[] count)
    {
        var structure = Int64([4], [2]);
        var uri = await _store.CreateAsync(["x"], structure, default);

        var read = () => _store.ReadBoxAsync(uri, structure, start, count, default);
        var write = () => _store.WriteBoxAsync(uri, structure, start, count, new byte[Math.Max(0, count.Aggregate(8L, (a, b) => a * b))], default);

        await read.Should().ThrowAsync<ArgumentException>();
        await write.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task A_structure_with_another_dtype_is_rejected()
    {
        var uri = await _store.CreateAsync(["x"], Int64([4], [2]), default);

        var read = () => _store.ReadBoxAsync(uri, TestArrays.Regular(DataType.Float64, [4], [2]), [0], [4], default);

        await read.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task An_empty_box_reads_no_bytes()
    {
        var structure = Int64([4, 4], [2, 2]);
        var uri = await _store.CreateAsync(["x"], structure, default);

        (await _store.ReadBoxAsync(uri, structure, [1, 1], [0, 3], default)).Should().BeEmpty();
    }

    [Fact]
    public async Task Data_uris_with_an_empty_host_are_accepted()
    {
        var structure = Int64([2], [2]);
        var uri = await _store.CreateAsync(["x"], structure, default);
        var plain = "file://" + DataUris.ToPath(uri);

        await _store.WriteBoxAsync(plain, structure, [0], [2], Filled(16, 3), default);

        (await _store.ReadBoxAsync(uri, structure, [0], [2], default)).Should().Equal(Filled(16, 3));
    }

    [Fact]
    public async Task Reading_storage_that_does_not_exist_fails_with_file_not_found()
    {
        var read = () => _store.ReadBoxAsync(DataUris.FromPath(Path.Combine(_root, "nope")), Int64([2], [2]), [0], [2], default);

        await read.Should().ThrowAsync<FileNotFoundException>();
    }

    [Theory]
    [InlineData("zlib")]
    [InlineData("gzip")]
    public async Task A_compressed_store_is_read_and_written_in_its_own_codec(string compressor)
    {
        var structure = TestArrays.Regular(DataType.UInt8, [5], [3]);
        var uri = ExternalStore($$"""{"id": "{{compressor}}", "level": 1}""", "\".\"", "0", "\"|u1\"", [5], [3]);
        var directory = DataUris.ToPath(uri);
        await File.WriteAllBytesAsync(Path.Combine(directory, "0"), ChunkCodec.Encode([1, 2, 3], compressor));

        await _store.WriteBoxAsync(uri, structure, [2], [2], new byte[] { 30, 40 }, default);

        (await _store.ReadBoxAsync(uri, structure, [0], [5], default)).Should().Equal(1, 2, 30, 40, 0);
        ChunkCodec.Decode(await File.ReadAllBytesAsync(Path.Combine(directory, "1")), compressor, 3).Should().Equal(40, 0, 0);
    }

    [Fact]
    public async Task A_store_with_nested_chunk_keys_is_read_and_written()
    {
        var structure = TestArrays.Regular(DataType.UInt8, [4, 4], [2, 2]);
        var uri = ExternalStore("null", "\"/\"", "0", "\"|u1\"", [4, 4], [2, 2]);

        await _store.WriteBoxAsync(uri, structure, [1, 1], [2, 2], new byte[] { 1, 2, 3, 4 }, default);

        File.Exists(Path.Combine(DataUris.ToPath(uri), "1", "1")).Should().BeTrue();
        (await _store.ReadBoxAsync(uri, structure, [1, 1], [2, 2], default)).Should().Equal(1, 2, 3, 4);
    }

    [Fact]
    public async Task Missing_chunks_of_a_store_with_a_fill_value_read_as_that_value()
    {
        var structure = TestArrays.Regular(DataType.Int16, [3], [2]);
        var uri = ExternalStore("null", "\".\"", "-1", "\"<i2\"", [3], [2]);

        await _store.WriteBoxAsync(uri, structure, [0], [1], new byte[] { 5, 0 }, default);

        (await _store.ReadBoxAsync(uri, structure, [0], [3], default)).Should().Equal(5, 0, 0xFF, 0xFF, 0xFF, 0xFF);
    }

    private static ArrayStructure Int64(long[] shape, long[] chunk) => TestArrays.Regular(DataType.Int64, shape, chunk);

    private static DataType DataTypeOf(string numpy)
    {
        var kind = numpy[1];
        var size = int.Parse(numpy[2..], System.Globalization.CultureInfo.InvariantCulture);
        var order = size == 1 ? Endianness.NotApplicable : numpy[0] == '>' ? Endianness.Big : Endianness.Little;
        return new DataType(kind, size, order);
    }

    private static byte[] Filled(int length, byte value) => Enumerable.Repeat(value, length).ToArray();

    private static async Task<JsonObject> ReadZarrayAsync(string uri) =>
        JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(DataUris.ToPath(uri), ".zarray")))!.AsObject();

    private string ExternalStore(string compressor, string separator, string fill, string dtype, long[] shape, long[] chunks)
    {
        var directory = Path.Combine(_temp.Path, "external-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, ".zarray"), $$"""
            {"zarr_format": 2, "shape": [{{string.Join(",", shape)}}], "chunks": [{{string.Join(",", chunks)}}],
             "dtype": {{dtype}}, "compressor": {{compressor}}, "fill_value": {{fill}}, "order": "C",
             "filters": null, "dimension_separator": {{separator}}}
            """);
        return DataUris.FromPath(directory);
    }
}
