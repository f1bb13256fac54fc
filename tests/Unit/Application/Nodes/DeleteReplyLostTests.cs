using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Tiled.Application.Abstractions;
using Tiled.Application.Common.Concurrency;
using Tiled.Application.Common.Errors;
using Tiled.Application.Nodes.DeleteNode;
using Tiled.Application.Search;
using Tiled.Application.Streaming;
using Tiled.Domain.Arrays;
using Tiled.Domain.DataSources;
using Tiled.Domain.Nodes;
using Tiled.Infrastructure.ArrayStorage;
using Tiled.Infrastructure.Persistence;
using Tiled.Infrastructure.Streaming;
using Tiled.Infrastructure.TableStorage;
using Xunit;

namespace Tiled.UnitTests.Application.Nodes;

/// <summary>
/// A delete the database committed but failed to confirm (its reply lost: 503) is finished once the
/// database answers: the storage the node owned is removed, as a confirmed delete would. A delete that
/// did not commit leaves node and storage. A real SQLite catalog and file store; the lost reply is
/// the one thing made up.
/// </summary>
public sealed class DeleteReplyLostTests : IDisposable
{
    private static readonly JsonObject Structure = JsonNode.Parse(
        """{"data_type": {"endianness": "little", "kind": "i", "itemsize": 8, "dt_units": null}, "chunks": [[3]], "shape": [3], "dims": null, "resizable": false}""")!.AsObject();

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("tiled-delete-");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_delete_whose_reply_is_lost_removes_the_storage_only_if_it_committed(bool committed)
    {
        var inner = new EfNodeCatalog(new PooledDbContextFactory<TiledDbContext>(
            CatalogDatabase.Configure(CatalogDatabase.SqliteUri(Path.Combine(_directory.FullName, "catalog.db")))), TimeProvider.System);
        await inner.InitializeAsync(default);
        var catalog = new ReplyLostCatalog(inner, committed);
        var arrays = new FileSystemArrayStore(new ArrayStorageOptions(Path.Combine(_directory.FullName, "data")));
        var cache = new InMemoryStreamCache(new StreamCacheOptions(), TimeProvider.System);
        var handler = new DeleteNodeHandler(catalog, arrays, new FileSystemTableStore(new TableStorageOptions(Path.Combine(_directory.FullName, "data"))),
            cache, new NodeEventPublisher(cache, TimeProvider.System, new StreamPayloadOptions()), new NodeWriteLocks(),
            NullLogger<DeleteNodeHandler>.Instance, TimeProvider.System);
        var path = NodePath.Parse("doomed");
        var dataUri = await arrays.CreateAsync(path.Segments, ArrayStructure.FromJson(Structure), default);
        var storage = DataUris.ToPath(dataUri);
        await inner.CreateAsync(path, StructureFamily.Array, [], [], [new DataSource(null, StructureFamily.Array, Structure.DeepClone().AsObject(),
            "application/x-zarr", [], [], Management.Writable, [new Asset(null, dataUri, true, "data_uri", null)])], default);

        Directory.Exists(storage).Should().BeTrue();

        var delete = () => handler.Handle(new DeleteNodeCommand(path, Recursive: false, ExternalOnly: false), default);

        await delete.Should().ThrowAsync<CatalogUnavailableException>();
        (await inner.FindAsync(path, default) is null).Should().Be(committed);
        var deadline = DateTime.UtcNow + (DeleteNodeHandler.RecheckInterval * 6);
        while (Directory.Exists(storage) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Directory.Exists(storage).Should().Be(!committed, committed ? "the committed delete is finished" : "nothing was deleted");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }

    /// <summary>The catalog, but a delete's answer is lost: after it committed (or instead of running it).</summary>
    private sealed class ReplyLostCatalog(INodeCatalog inner, bool commit) : INodeCatalog
    {
        public async Task<IReadOnlyList<DeletedNode>> DeleteAsync(NodePath path, CancellationToken ct)
        {
            if (commit)
            {
                await inner.DeleteAsync(path, ct);
            }

            throw new CatalogUnavailableException("connection lost or refused");
        }

        public Task InitializeAsync(CancellationToken ct) => inner.InitializeAsync(ct);

        public Task<Node?> FindAsync(NodePath path, CancellationToken ct) => inner.FindAsync(path, ct);

        public Task<Node> CreateAsync(NodePath path, StructureFamily family, JsonObject metadata, IReadOnlyList<Spec> specs,
            IReadOnlyList<DataSource> dataSources, CancellationToken ct) => inner.CreateAsync(path, family, metadata, specs, dataSources, ct);

        public Task<(IReadOnlyList<Node> Items, long Count)> ListChildrenAsync(NodePath parent, long offset, int limit, CancellationToken ct) =>
            inner.ListChildrenAsync(parent, offset, limit, ct);

        public Task<ChildMatches> SearchChildrenAsync(NodePath parent, ChildSearch search, ChildPage page, CancellationToken ct) =>
            inner.SearchChildrenAsync(parent, search, page, ct);

        public Task<DistinctValues> DistinctAsync(NodePath parent, IReadOnlyList<SearchFilter> filters, DistinctRequest request, CancellationToken ct) =>
            inner.DistinctAsync(parent, filters, request, ct);

        public Task UpdateStructureAsync(long dataSourceId, JsonObject structure, CancellationToken ct) => inner.UpdateStructureAsync(dataSourceId, structure, ct);

        public Task<DataSource> ReplaceDataSourceAsync(long dataSourceId, DataSource source, CancellationToken ct) =>
            inner.ReplaceDataSourceAsync(dataSourceId, source, ct);

        public Task<long?> UpdateMetadataAsync(long nodeId, JsonObject metadata, IReadOnlyList<Spec> specs, bool dropRevision, CancellationToken ct) =>
            inner.UpdateMetadataAsync(nodeId, metadata, specs, dropRevision, ct);

        public Task<bool> HasChildrenAsync(NodePath path, CancellationToken ct) => inner.HasChildrenAsync(path, ct);

        public Task<IReadOnlyList<DataSource>> ListDataSourcesInSubtreeAsync(NodePath path, CancellationToken ct) =>
            inner.ListDataSourcesInSubtreeAsync(path, ct);
    }
}
