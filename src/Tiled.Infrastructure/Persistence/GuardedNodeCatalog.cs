using System.Text.Json.Nodes;
using Tiled.Application.Abstractions;
using Tiled.Application.Search;
using Tiled.Domain.DataSources;
using Tiled.Domain.Nodes;

namespace Tiled.Infrastructure.Persistence;

/// <summary>
/// The catalog as the application sees it: every call goes through <see cref="CatalogGuard"/>, so a
/// database outage is a 503, never whatever the provider threw.
/// </summary>
internal sealed class GuardedNodeCatalog(INodeCatalog inner, CatalogGuard guard) : INodeCatalog
{
    // Creating or upgrading the schema may take long: bounded by the command timeout only.
    public Task InitializeAsync(CancellationToken ct) => CatalogGuard.Unbounded.WriteAsync(() => inner.InitializeAsync(ct));

    public Task<Node?> FindAsync(NodePath path, CancellationToken ct) => ReadAsync(() => inner.FindAsync(path, ct));

    public Task<Node> CreateAsync(NodePath path, StructureFamily family, JsonObject metadata, IReadOnlyList<Spec> specs,
        IReadOnlyList<DataSource> dataSources, CancellationToken ct) =>
        WriteAsync(() => inner.CreateAsync(path, family, metadata, specs, dataSources, ct));

    public Task<(IReadOnlyList<Node> Items, long Count)> ListChildrenAsync(NodePath parent, long offset, int limit, CancellationToken ct) =>
        ReadAsync(() => inner.ListChildrenAsync(parent, offset, limit, ct));

    public async Task<ChildMatches> SearchChildrenAsync(NodePath parent, ChildSearch search, ChildPage page, CancellationToken ct)
    {
        var matches = await ReadAsync(() => inner.SearchChildrenAsync(parent, search, page, ct));
        return matches with { Batches = CatalogGuard.ReadEachAsync(matches.Batches) };
    }

    public Task<DistinctValues> DistinctAsync(NodePath parent, IReadOnlyList<SearchFilter> filters, DistinctRequest request,
        CancellationToken ct) =>
        ReadAsync(() => inner.DistinctAsync(parent, filters, request, ct));


    public Task UpdateStructureAsync(long dataSourceId, JsonObject structure, CancellationToken ct) =>
        WriteAsync(() => inner.UpdateStructureAsync(dataSourceId, structure, ct));

    public Task<DataSource> ReplaceDataSourceAsync(long dataSourceId, DataSource source, CancellationToken ct) =>
        WriteAsync(() => inner.ReplaceDataSourceAsync(dataSourceId, source, ct));

    public Task<long?> UpdateMetadataAsync(long nodeId, JsonObject metadata, IReadOnlyList<Spec> specs, bool dropRevision, CancellationToken ct) =>
        WriteAsync(() => inner.UpdateMetadataAsync(nodeId, metadata, specs, dropRevision, ct));

    public Task<IReadOnlyList<DeletedNode>> DeleteAsync(NodePath path, CancellationToken ct) => WriteAsync(() => inner.DeleteAsync(path, ct));

    public Task<bool> HasChildrenAsync(NodePath path, CancellationToken ct) => ReadAsync(() => inner.HasChildrenAsync(path, ct));

    public Task<IReadOnlyList<DataSource>> ListDataSourcesInSubtreeAsync(NodePath path, CancellationToken ct) =>
        ReadAsync(() => inner.ListDataSourcesInSubtreeAsync(path, ct));

    private Task<T> ReadAsync<T>(Func<Task<T>> read) => guard.ReadAsync(read);

    private Task<T> WriteAsync<T>(Func<Task<T>> write) => guard.WriteAsync(write);

    private Task WriteAsync(Func<Task> write) => guard.WriteAsync(write);
}
