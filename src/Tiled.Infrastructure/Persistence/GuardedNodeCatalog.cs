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
    public Task InitializeAsync(CancellationToken ct) => CatalogGuard.Unbounded.WriteAsync(t => inner.InitializeAsync(t), ct);

    public Task<Node?> FindAsync(NodePath path, CancellationToken ct) => ReadAsync(t => inner.FindAsync(path, t), ct);

    public Task<Node> CreateAsync(NodePath path, StructureFamily family, JsonObject metadata, IReadOnlyList<Spec> specs,
        IReadOnlyList<DataSource> dataSources, CancellationToken ct) =>
        WriteAsync(t => inner.CreateAsync(path, family, metadata, specs, dataSources, t), ct);

    public Task<(IReadOnlyList<Node> Items, long Count)> ListChildrenAsync(NodePath parent, long offset, int limit, CancellationToken ct) =>
        ReadAsync(t => inner.ListChildrenAsync(parent, offset, limit, t), ct);

    public async Task<ChildMatches> SearchChildrenAsync(NodePath parent, ChildSearch search, ChildPage page, CancellationToken ct)
    {
        // The request's token: the page's batches, read later, keep it.
        var matches = await guard.ReadAsync(_ => inner.SearchChildrenAsync(parent, search, page, ct), ct);
        return matches with { Batches = CatalogGuard.ReadEachAsync(matches.Batches) };
    }

    public Task<DistinctValues> DistinctAsync(NodePath parent, IReadOnlyList<SearchFilter> filters, DistinctRequest request,
        CancellationToken ct) =>
        ReadAsync(t => inner.DistinctAsync(parent, filters, request, t), ct);


    public Task UpdateStructureAsync(long dataSourceId, JsonObject structure, CancellationToken ct) =>
        WriteAsync(t => inner.UpdateStructureAsync(dataSourceId, structure, t), ct);

    public Task<DataSource> ReplaceDataSourceAsync(long dataSourceId, DataSource source, CancellationToken ct) =>
        WriteAsync(t => inner.ReplaceDataSourceAsync(dataSourceId, source, t), ct);

    public Task<long?> UpdateMetadataAsync(long nodeId, JsonObject metadata, IReadOnlyList<Spec> specs, bool dropRevision, CancellationToken ct) =>
        WriteAsync(t => inner.UpdateMetadataAsync(nodeId, metadata, specs, dropRevision, t), ct);

    public Task<IReadOnlyList<DeletedNode>> DeleteAsync(NodePath path, CancellationToken ct) => WriteAsync(t => inner.DeleteAsync(path, t), ct);

    public Task<bool> HasChildrenAsync(NodePath path, CancellationToken ct) => ReadAsync(t => inner.HasChildrenAsync(path, t), ct);

    public Task<IReadOnlyList<DataSource>> ListDataSourcesInSubtreeAsync(NodePath path, CancellationToken ct) =>
        ReadAsync(t => inner.ListDataSourcesInSubtreeAsync(path, t), ct);

    private Task<T> ReadAsync<T>(Func<CancellationToken, Task<T>> read, CancellationToken ct) => guard.ReadAsync(read, ct);

    private Task<T> WriteAsync<T>(Func<CancellationToken, Task<T>> write, CancellationToken ct) => guard.WriteAsync(write, ct);

    private Task WriteAsync(Func<CancellationToken, Task> write, CancellationToken ct) => guard.WriteAsync(write, ct);
}
