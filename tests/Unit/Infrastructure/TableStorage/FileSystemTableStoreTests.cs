using FluentAssertions;
using Tiled.Domain.Tables;
using Tiled.Formats.Arrow;
using Tiled.Infrastructure.ArrayStorage;
using Tiled.Infrastructure.TableStorage;
using Xunit;

namespace Tiled.UnitTests.Infrastructure.TableStorage;

public sealed class FileSystemTableStoreTests : IDisposable
{
    private static readonly ArrowSchema Schema = new([new ArrowField("a", ArrowType.Int64), new ArrowField("b", ArrowType.Utf8)]);
    private static readonly TableStructure Structure = TableStructure.Create(Schema, 2);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "tiled-table-tests-" + Guid.NewGuid().ToString("N"));
    private readonly FileSystemTableStore _store;

    public FileSystemTableStoreTests() => _store = new FileSystemTableStore(new TableStorageOptions(_root));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static ArrowTable Rows(long[] a, string?[] b, ArrowSchema? schema = null) =>
        new(schema ?? Schema, [new RecordBatch([ArrowColumn.FromInt64([.. a.Select(v => (long?)v)]), ArrowColumn.FromStrings(b)])]);

    private static long[] Column(ArrowTable table) =>
        [.. table.Batches.SelectMany(b => Enumerable.Range(0, b.Length).Select(i => b.Columns[0].GetInt64(i)))];

    [Fact]
    public async Task A_partition_stored_in_the_file_format_by_an_earlier_release_reads_and_takes_appends()
    {
        var uri = await _store.CreateAsync(["t"], Structure, default);
        var earlier = Rows([1, 2], ["a", "b"]);
        await File.WriteAllBytesAsync(PartitionFile(uri, 0), ArrowFileWriter.Write(earlier.Schema, earlier.Batches));

        var read = await _store.ReadPartitionAsync(uri, 0, Structure, default);
        await _store.AppendPartitionAsync(uri, 0, Rows([3], ["c"]), default);
        var appended = await _store.ReadPartitionAsync(uri, 0, Structure, default);

        Column(read).Should().Equal(1, 2);
        Column(appended).Should().Equal(1, 2, 3);
        (await File.ReadAllBytesAsync(PartitionFile(uri, 0))).AsSpan().StartsWith("ARROW1"u8).Should().BeFalse("the append rewrote it as a stream");
    }

    private string PartitionFile(string uri, int partition) => Path.Combine(DataUris.ToPath(uri), $"partition-{partition}.arrow");

    [Fact]
    public async Task A_create_that_fails_leaves_no_directory_behind()
    {
        var create = () => _store.CreateAsync(["t"], Structure, new CancellationToken(canceled: true));

        await create.Should().ThrowAsync<OperationCanceledException>();
        Directory.GetFileSystemEntries(_root).Should().BeEmpty("a cancelled (or failed) create removes the directory it made");
    }

    [Fact]
    public async Task Create_makes_a_marked_directory_under_the_root_named_after_the_path()
    {
        var uri = await _store.CreateAsync(["a", "b c"], Structure, default);

        uri.Should().StartWith("file://localhost/");
        var directory = DataUris.ToPath(uri);
        Path.GetDirectoryName(directory).Should().Be(Path.GetFullPath(_root));
        Path.GetFileName(directory).Should().StartWith("a-b_c-");
        File.Exists(Path.Combine(directory, TableDirectory.MarkerFileName)).Should().BeTrue();
    }

    [Fact]
    public async Task A_partition_never_written_reads_as_no_rows_with_the_table_schema()
    {
        var uri = await _store.CreateAsync(["t"], Structure, default);

        var table = await _store.ReadPartitionAsync(uri, 1, Structure, default);

        table.Schema.Should().Be(Schema);
        table.Batches.Should().BeEmpty();
    }

    [Fact]
    public async Task Replace_stores_an_arrow_file_that_reads_back_with_schema_metadata_and_index_column()
    {
        var uri = await _store.CreateAsync(["t"], Structure, default);
        var pandas = new ArrowSchema([.. Schema.Fields, new ArrowField(TableSchemas.PandasIndexColumn, ArrowType.Int64)],
            new ArrowMetadata([new("pandas", "{\"index_columns\": [\"__index_level_0__\"]}")]));
        var data = new ArrowTable(pandas, [new RecordBatch([ArrowColumn.FromInt64([1, 2]), ArrowColumn.FromStrings(["x", null]), ArrowColumn.FromInt64([0, 1])])]);

        await _store.ReplacePartitionAsync(uri, 0, data, default);
        var read = await _store.ReadPartitionAsync(uri, 0, Structure, default);

        read.Schema.Should().Be(pandas);
        Column(read).Should().Equal(1, 2);
        read.Batches[0].Columns[1].IsNull(1).Should().BeTrue();
        ArrowStreamReader.Read(await File.ReadAllBytesAsync(PartitionFile(uri, 0))).Schema.Should().Be(pandas);
    }

    [Fact]
    public async Task Replace_overwrites_earlier_rows()
    {
        var uri = await _store.CreateAsync(["t"], Structure, default);
        await _store.ReplacePartitionAsync(uri, 0, Rows([1, 2, 3], ["a", "b", "c"]), default);

        await _store.ReplacePartitionAsync(uri, 0, Rows([9], ["z"]), default);

        Column(await _store.ReadPartitionAsync(uri, 0, Structure, default)).Should().Equal(9);
    }

    [Fact]
    public async Task Appends_add_batches_after_the_stored_ones_and_keep_earlier_bytes()
    {
        var uri = await _store.CreateAsync(["t"], Structure, default);
        await _store.AppendPartitionAsync(uri, 1, Rows([1, 2], ["a", "b"]), default);
        var before = await File.ReadAllBytesAsync(PartitionFile(uri, 1));

        await _store.AppendPartitionAsync(uri, 1, Rows([3], ["c"]), default);
        await _store.AppendPartitionAsync(uri, 1, Rows([4, 5], [null, "e"]), default);

        var read = await _store.ReadPartitionAsync(uri, 1, Structure, default);
        Column(read).Should().Equal(1, 2, 3, 4, 5);
        read.Batches.Select(b => b.Length).Should().Equal(2, 1, 2);
        var after = await File.ReadAllBytesAsync(PartitionFile(uri, 1));
        after.AsSpan(0, before.Length - 8).SequenceEqual(before.AsSpan(0, before.Length - 8)).Should().BeTrue("earlier messages stay byte for byte");
        (await _store.ReadPartitionAsync(uri, 0, Structure, default)).Batches.Should().BeEmpty("other partitions are untouched");
    }

    [Fact]
    public async Task An_append_that_does_not_match_the_stored_partition_leaves_the_file_exactly_as_it_was()
    {
        var uri = await _store.CreateAsync(["t"], Structure, default);
        await _store.ReplacePartitionAsync(uri, 0, Rows([1, 2], ["a", "b"]), default);
        var before = await File.ReadAllBytesAsync(PartitionFile(uri, 0));
        var wrong = new ArrowSchema([new ArrowField("a", ArrowType.Int32), new ArrowField("b", ArrowType.Utf8)]);
        var data = new ArrowTable(wrong, [new RecordBatch([ArrowColumn.FromInt32([7]), ArrowColumn.FromStrings(["q"])])]);

        await FluentActions.Awaiting(() => _store.AppendPartitionAsync(uri, 0, data, default))
            .Should().ThrowAsync<SchemaMismatchException>().WithMessage("*'a' is int32*int64 in the stored partition*");

        (await File.ReadAllBytesAsync(PartitionFile(uri, 0))).Should().Equal(before);
        Directory.GetFiles(DataUris.ToPath(uri), "*.partial").Should().BeEmpty("the temporary copy is removed");
    }

    [Fact]
    public async Task An_append_cancelled_midway_leaves_the_file_exactly_as_it_was()
    {
        var uri = await _store.CreateAsync(["t"], Structure, default);
        await _store.ReplacePartitionAsync(uri, 0, Rows([1], ["a"]), default);
        var before = await File.ReadAllBytesAsync(PartitionFile(uri, 0));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await FluentActions.Awaiting(() => _store.AppendPartitionAsync(uri, 0, Rows([2], ["b"]), cancelled.Token))
            .Should().ThrowAsync<OperationCanceledException>();

        (await File.ReadAllBytesAsync(PartitionFile(uri, 0))).Should().Equal(before);
    }

    [Fact]
    public async Task An_append_undone_leaves_the_partition_exactly_as_it_was_and_no_hidden_file()
    {
        var uri = await _store.CreateAsync(["t"], Structure, default);
        (await _store.ReplacePartitionAsync(uri, 0, Rows([1], ["a"]), default)).Keep();
        var before = await File.ReadAllBytesAsync(PartitionFile(uri, 0));

        var append = await _store.AppendPartitionAsync(uri, 0, Rows([2], ["b"]), default);
        Column(await _store.ReadPartitionAsync(uri, 0, Structure, default)).Should().Equal(1, 2);
        append.Undo();

        (await File.ReadAllBytesAsync(PartitionFile(uri, 0))).Should().Equal(before);
        Directory.GetFiles(DataUris.ToPath(uri), "*.partial").Should().BeEmpty();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_first_write_undone_leaves_the_partition_never_written(bool append)
    {
        var uri = await _store.CreateAsync(["t"], Structure, default);

        var write = append
            ? await _store.AppendPartitionAsync(uri, 1, Rows([1], ["a"]), default)
            : await _store.ReplacePartitionAsync(uri, 1, Rows([1], ["a"]), default);
        write.Undo();

        File.Exists(PartitionFile(uri, 1)).Should().BeFalse();
        Column(await _store.ReadPartitionAsync(uri, 1, Structure, default)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_replace_undone_brings_back_the_previous_rows_and_one_kept_drops_them()
    {
        var uri = await _store.CreateAsync(["t"], Structure, default);
        (await _store.ReplacePartitionAsync(uri, 0, Rows([1, 2], ["a", "b"]), default)).Keep();

        (await _store.ReplacePartitionAsync(uri, 0, Rows([9], ["z"]), default)).Undo();
        var undone = Column(await _store.ReadPartitionAsync(uri, 0, Structure, default));
        (await _store.ReplacePartitionAsync(uri, 0, Rows([7], ["y"]), default)).Keep();

        undone.Should().Equal(1, 2);
        Column(await _store.ReadPartitionAsync(uri, 0, Structure, default)).Should().Equal(7);
        Directory.GetFiles(DataUris.ToPath(uri), "*.partial").Should().BeEmpty("the kept write's previous content is removed");
    }

    [Fact]
    public async Task An_append_with_an_extra_pandas_index_column_drops_it_when_the_partition_has_none()
    {
        var uri = await _store.CreateAsync(["t"], Structure, default);
        await _store.ReplacePartitionAsync(uri, 0, Rows([1], ["a"]), default);
        var pandas = new ArrowSchema([new ArrowField(TableSchemas.PandasIndexColumn, ArrowType.Int64), .. Schema.Fields]);
        var data = new ArrowTable(pandas, [new RecordBatch([ArrowColumn.FromInt64([0]), ArrowColumn.FromInt64([2]), ArrowColumn.FromStrings(["b"])])]);

        await _store.AppendPartitionAsync(uri, 0, data, default);

        var read = await _store.ReadPartitionAsync(uri, 0, Structure, default);
        read.Schema.Should().Be(Schema);
        Column(read).Should().Equal(1, 2);
    }

    [Fact]
    public async Task Concurrent_appends_are_serialised_and_none_is_lost()
    {
        var uri = await _store.CreateAsync(["t"], Structure, default);

        await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(() => _store.AppendPartitionAsync(uri, 0, Rows([i], [$"v{i}"]), default))));

        Column(await _store.ReadPartitionAsync(uri, 0, Structure, default)).Order().Should().Equal(Enumerable.Range(0, 24).Select(i => (long)i));
    }

    [Fact]
    public async Task Delete_removes_the_directory_and_tolerates_missing_storage()
    {
        var uri = await _store.CreateAsync(["t"], Structure, default);
        await _store.ReplacePartitionAsync(uri, 0, Rows([1], ["a"]), default);

        await _store.DeleteAsync(uri, default);
        await _store.DeleteAsync(uri, default);

        Directory.Exists(DataUris.ToPath(uri)).Should().BeFalse();
    }

    [Fact]
    public async Task Delete_refuses_a_directory_that_is_not_a_table()
    {
        var other = Directory.CreateDirectory(Path.Combine(_root, "not-a-table")).FullName;

        await FluentActions.Awaiting(() => _store.DeleteAsync(DataUris.FromPath(other), default)).Should().ThrowAsync<InvalidOperationException>();

        Directory.Exists(other).Should().BeTrue();
    }
}
