using FluentAssertions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Tiled.Application.Abstractions;
using Tiled.Application.Common.Concurrency;
using Tiled.Application.Common.Errors;
using Tiled.Application.Streaming;
using Tiled.Application.Tables;
using Tiled.Domain.DataSources;
using Tiled.Domain.Nodes;
using Tiled.Domain.Tables;
using Tiled.Formats.Arrow;
using Tiled.Infrastructure.ArrayStorage;
using Tiled.Infrastructure.Persistence;
using Tiled.Infrastructure.Streaming;
using Tiled.Infrastructure.TableStorage;
using Xunit;

namespace Tiled.UnitTests.Application.Tables;

/// <summary>
/// A table write the stream cache fails to announce is taken back: the answer is 503 "nothing was
/// stored", the partition is as it was, and the retry Tiled's client sends stores the rows once. A
/// real SQLite catalog, file store and in-memory cache; the cache's failure is the one thing made up.
/// </summary>
public sealed class UnannouncedTableWriteTests : IDisposable
{
    private static readonly ArrowSchema Schema = new([new ArrowField("x", ArrowType.Int64)]);

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("tiled-unannounced-");
    private readonly FailingCache _cache = new(new InMemoryStreamCache(new StreamCacheOptions(), TimeProvider.System));
    private readonly NodePath _path = NodePath.Parse("readings");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_write_that_cannot_be_announced_stores_nothing_and_its_retry_stores_it_once(bool append)
    {
        var (writer, store, dataUri) = await SetUpAsync(new FileSystemTableStore(new TableStorageOptions(Path.Combine(_directory.FullName, "data"))));
        (await writer.WriteAsync(_path, 0, append: true, TableMediaTypes.ArrowStream, Rows(1, 2), default)).Sequence.Should().Be(1);

        _cache.Failing = true;
        var write = () => writer.WriteAsync(_path, 0, append, TableMediaTypes.ArrowStream, Rows(3), default);
        await write.Should().ThrowAsync<StreamCacheUnavailableException>().WithMessage("*nothing was stored*");
        var afterFailure = await ValuesAsync(store, dataUri);

        _cache.Failing = false;
        var retried = await write();

        afterFailure.Should().Equal(1, 2);
        retried.Sequence.Should().Be(2, "the failed write was not announced");
        (await ValuesAsync(store, dataUri)).Should().Equal(append ? [1, 2, 3] : [3]);
        Directory.GetFiles(DataUris.ToPath(dataUri), "*.partial", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [Fact]
    public async Task A_first_write_that_cannot_be_announced_leaves_the_partition_never_written()
    {
        var (writer, store, dataUri) = await SetUpAsync(new FileSystemTableStore(new TableStorageOptions(Path.Combine(_directory.FullName, "data"))));

        _cache.Failing = true;
        var write = () => writer.WriteAsync(_path, 0, append: true, TableMediaTypes.ArrowStream, Rows(1), default);

        await write.Should().ThrowAsync<StreamCacheUnavailableException>().WithMessage("*nothing was stored*");
        (await ValuesAsync(store, dataUri)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_write_that_cannot_be_taken_back_says_it_was_kept()
    {
        var (writer, store, dataUri) = await SetUpAsync(new UndoFailingStore(new FileSystemTableStore(new TableStorageOptions(Path.Combine(_directory.FullName, "data")))));

        _cache.Failing = true;
        var write = () => writer.WriteAsync(_path, 0, append: true, TableMediaTypes.ArrowStream, Rows(1), default);

        await write.Should().ThrowAsync<StreamCacheUnavailableException>().WithMessage("*may not have been announced*stored is kept*");
        (await ValuesAsync(store, dataUri)).Should().Equal(1);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }

    private async Task<(TableWriter Writer, ITableStore Store, string DataUri)> SetUpAsync(ITableStore store)
    {
        var catalog = new EfNodeCatalog(new PooledDbContextFactory<TiledDbContext>(
            CatalogDatabase.Configure(CatalogDatabase.SqliteUri(Path.Combine(_directory.FullName, "catalog.db")))), TimeProvider.System);
        await catalog.InitializeAsync(default);
        var structure = TableStructure.Create(Schema, 1);
        var dataUri = await store.CreateAsync(_path.Segments, structure, default);
        await catalog.CreateAsync(_path, StructureFamily.Table, [], [], [new DataSource(null, StructureFamily.Table, structure.ToJson(),
            TableMediaTypes.ArrowStream, [], [], Management.Writable, [new Asset(null, dataUri, true, "data_uri", null)])], default);
        var writer = new TableWriter(catalog, store, new NodeWriteLocks(),
            new NodeEventPublisher(_cache, TimeProvider.System, new StreamPayloadOptions()), NullLogger<TableWriter>.Instance);
        return (writer, store, dataUri);
    }

    private static StreamPayload Rows(params long[] values) =>
        StreamPayload.Borrow(ArrowStreamWriter.WriteToMemory(Schema, [new RecordBatch([ArrowColumn.FromInt64([.. values.Select(v => (long?)v)])])]));

    private static async Task<long[]> ValuesAsync(ITableStore store, string dataUri)
    {
        var table = await store.ReadPartitionAsync(dataUri, 0, TableStructure.Create(Schema, 1), default);
        return [.. table.Batches.SelectMany(b => Enumerable.Range(0, b.Length).Select(i => b.Columns[0].GetInt64(i)))];
    }

    /// <summary>The cache, but appends time out while <see cref="Failing"/> (as when Redis stops answering).</summary>
    private sealed class FailingCache(IStreamCache inner) : IStreamCache
    {
        public bool Failing { get; set; }

        public Task<long> AppendAsync(long nodeId, ReadOnlyMemory<byte> metadataJson, StreamPayload payload, CancellationToken ct) =>
            Failing ? throw new TimeoutException("no answer") : inner.AppendAsync(nodeId, metadataJson, payload, ct);

        public Task<long> CloseAsync(long nodeId, ReadOnlyMemory<byte> markerJson, CancellationToken ct) => inner.CloseAsync(nodeId, markerJson, ct);

        public Task<long> CurrentSequenceAsync(long nodeId, CancellationToken ct) => inner.CurrentSequenceAsync(nodeId, ct);

        public Task<IReadOnlyList<StreamEntry>> GetRangeAsync(long nodeId, long from, long to, CancellationToken ct) =>
            inner.GetRangeAsync(nodeId, from, to, ct);

        public Task<ILiveFeed> SubscribeAsync(long nodeId, CancellationToken ct) => inner.SubscribeAsync(nodeId, ct);

        public Task RemoveAsync(long nodeId, CancellationToken ct) => inner.RemoveAsync(nodeId, ct);
    }

    /// <summary>The file store, but its writes cannot be taken back (the disk refuses the rename).</summary>
    private sealed class UndoFailingStore(ITableStore inner) : ITableStore
    {
        public Task<string> CreateAsync(IReadOnlyList<string> nodePath, TableStructure structure, CancellationToken ct) =>
            inner.CreateAsync(nodePath, structure, ct);

        public async Task<IPartitionWrite> ReplacePartitionAsync(string dataUri, int partition, ArrowTable data, CancellationToken ct) =>
            new Unrevertible(await inner.ReplacePartitionAsync(dataUri, partition, data, ct));

        public async Task<IPartitionWrite> AppendPartitionAsync(string dataUri, int partition, ArrowTable data, CancellationToken ct) =>
            new Unrevertible(await inner.AppendPartitionAsync(dataUri, partition, data, ct));

        public Task<ArrowTable> ReadPartitionAsync(string dataUri, int partition, TableStructure structure, CancellationToken ct) =>
            inner.ReadPartitionAsync(dataUri, partition, structure, ct);

        public Task DeleteAsync(string dataUri, CancellationToken ct) => inner.DeleteAsync(dataUri, ct);

        private sealed class Unrevertible(IPartitionWrite inner) : IPartitionWrite
        {
            public void Keep() => inner.Keep();

            public void Undo() => throw new IOException("read-only file system");
        }
    }
}
