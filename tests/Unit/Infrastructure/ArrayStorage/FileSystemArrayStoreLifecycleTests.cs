using FluentAssertions;
using Tiled.Formats.DataTypes;
using Tiled.Infrastructure.ArrayStorage;
using Xunit;

namespace Tiled.UnitTests.Infrastructure.ArrayStorage;

/// <summary>Resizing and deleting arrays, and what stays on disk.</summary>
public sealed class FileSystemArrayStoreLifecycleTests : IDisposable
{
    private readonly TemporaryStore _fixture = new();

    private FileSystemArrayStore Store => _fixture.Store;

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task A_create_that_fails_leaves_no_directory_behind()
    {
        var create = () => Store.CreateAsync(["x"], TestArrays.Int64([4], [2]), new CancellationToken(canceled: true));

        await create.Should().ThrowAsync<OperationCanceledException>();
        Directory.GetFileSystemEntries(_fixture.Root).Should().BeEmpty("a cancelled (or failed) create removes the directory it made");
    }

    [Fact]
    public async Task Writes_leave_no_temporary_files()
    {
        var structure = TestArrays.Int64([20, 20], [3, 7]);
        var uri = await Store.CreateAsync(["x"], structure, default);

        await Store.WriteBoxAsync(uri, structure, [0, 0], [20, 20], TestArrays.Filled(3200, 5), default);
        await Store.WriteBoxAsync(uri, structure, [1, 2], [5, 9], TestArrays.Filled(360, 6), default);
        await Store.ResizeAsync(uri, TestArrays.Int64([30, 20], [3, 7]), default);

        Directory.GetFiles(DataUris.ToPath(uri)).Should().NotContain(f => f.EndsWith(AtomicFile.TemporarySuffix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Resize_keeps_values_at_their_positions_and_new_regions_read_as_zeros()
    {
        var structure = TestArrays.Regular(DataType.UInt8, [5, 5], [2, 2]);
        var uri = await Store.CreateAsync(["x"], structure, default);
        var data = Enumerable.Range(1, 25).Select(i => (byte)i).ToArray();
        await Store.WriteBoxAsync(uri, structure, [0, 0], [5, 5], data, default);
        var grown = TestArrays.Regular(DataType.UInt8, [7, 6], [2, 2]);

        await Store.ResizeAsync(uri, grown, default);

        var reference = new ReferenceArray([7, 6], 1);
        reference.Write([0, 0], [5, 5], data);
        (await Store.ReadBoxAsync(uri, grown, [0, 0], [7, 6], default)).Should().Equal(reference.Bytes);
    }

    [Fact]
    public async Task Resize_records_the_new_shape_and_keeps_the_chunk_shape()
    {
        var uri = await Store.CreateAsync(["x"], TestArrays.Int64([4, 4], [2, 3]), default);

        await Store.ResizeAsync(uri, TestArrays.Int64([9, 4], [5, 4]), default);

        var zarray = await TemporaryStore.ReadZarrayAsync(uri);
        zarray["shape"]!.ToJsonString().Should().Be("[9,4]");
        zarray["chunks"]!.ToJsonString().Should().Be("[2,3]");
    }

    [Fact]
    public async Task Growing_an_empty_array_adopts_the_chunking_of_the_new_structure()
    {
        var uri = await Store.CreateAsync(["x"], TestArrays.Int64([0, 4], [1, 4]), default);

        await Store.ResizeAsync(uri, TestArrays.Int64([10, 4], [5, 4]), default);

        (await TemporaryStore.ReadZarrayAsync(uri))["chunks"]!.ToJsonString().Should().Be("[5,4]");
    }

    [Fact]
    public async Task Values_written_ahead_of_growing_an_empty_array_are_kept()
    {
        var empty = TestArrays.Regular(DataType.UInt8, [0], [1]);
        var grown = TestArrays.Regular(DataType.UInt8, [4], [4]);
        var uri = await Store.CreateAsync(["x"], empty, default);

        await Store.WriteBoxAsync(uri, grown, [0], [4], new byte[] { 1, 2, 3, 4 }, default);
        await Store.ResizeAsync(uri, grown, default);

        (await Store.ReadBoxAsync(uri, grown, [0], [4], default)).Should().Equal(1, 2, 3, 4);
    }

    [Fact]
    public async Task Shrinking_then_growing_reads_zeros_where_values_were_cut_off()
    {
        var structure = TestArrays.Regular(DataType.UInt8, [6, 6], [4, 4]);
        var uri = await Store.CreateAsync(["x"], structure, default);
        await Store.WriteBoxAsync(uri, structure, [0, 0], [6, 6], TestArrays.Filled(36, 9), default);

        await Store.ResizeAsync(uri, TestArrays.Regular(DataType.UInt8, [3, 6], [4, 4]), default);
        await Store.ResizeAsync(uri, structure, default);

        var reference = new ReferenceArray([6, 6], 1);
        reference.Write([0, 0], [3, 6], TestArrays.Filled(18, 9));
        (await Store.ReadBoxAsync(uri, structure, [0, 0], [6, 6], default)).Should().Equal(reference.Bytes);
        File.Exists(Path.Combine(DataUris.ToPath(uri), "1.0")).Should().BeFalse();
    }

    [Fact]
    public async Task Delete_removes_the_directory()
    {
        var structure = TestArrays.Int64([4], [2]);
        var uri = await Store.CreateAsync(["x"], structure, default);
        await Store.WriteBoxAsync(uri, structure, [0], [4], TestArrays.Filled(32, 1), default);

        await Store.DeleteAsync(uri, default);

        Directory.Exists(DataUris.ToPath(uri)).Should().BeFalse();
    }

    [Fact]
    public async Task Deleting_missing_storage_is_not_an_error()
    {
        var delete = () => Store.DeleteAsync(DataUris.FromPath(Path.Combine(_fixture.Root, "never-created")), default);

        await delete.Should().NotThrowAsync();
    }

    [Fact]
    public async Task Delete_refuses_a_directory_that_is_not_a_zarr_array()
    {
        var delete = () => Store.DeleteAsync(DataUris.FromPath(_fixture.TempPath), default);

        await delete.Should().ThrowAsync<InvalidOperationException>();
        Directory.Exists(_fixture.TempPath).Should().BeTrue();
    }
}
