using System.Text.Json.Nodes;
using Tiled.Application.Abstractions;
using Tiled.Application.Search;
using Tiled.Domain.DataSources;
using Tiled.Domain.Nodes;

namespace Tiled.Infrastructure.Persistence;

/// <summary>
/// The catalog as the application sees it: an outage of the database (<see cref="CatalogFailures"/>)
/// becomes <see cref="Application.Common.Errors.CatalogUnavailableException"/> (503) instead of
/// whatever the provider threw. A read that met a connection the database had closed (it restarted)
/// is tried once more on a fresh one, so the first requests after recovery succeed; writes are never
/// repeated here, since a lost connection leaves unknown whether they committed.
/// </summary>
internal sealed class GuardedNodeCatalog(INodeCatalog inner) : INodeCatalog
{
    public Task InitializeAsync(CancellationToken ct) => WriteAsync(() => inner.InitializeAsync(ct));

    public Task<Node?> FindAsync(NodePath path, CancellationToken ct) => ReadAsync(() => inner.FindAsync(path, ct));

    public Task<Node> CreateAsync(NodePath path, StructureFamily family, JsonObject metadata, IReadOnlyList<Spec> specs,
        IReadOnlyList<DataSource> dataSources, CancellationToken ct) =>
        WriteAsync(() => inner.CreateAsync(path, family, metadata, specs, dataSources, ct));

    public Task<(IReadOnlyList<Node> Items, long Count)> ListChildrenAsync(NodePath parent, long offset, int limit, CancellationToken ct) =>
        ReadAsync(() => inner.ListChildrenAsync(parent, offset, limit, ct));

    public Task<(IReadOnlyList<Node> Items, long Count)> SearchChildrenAsync(NodePath parent, ChildSearch search, ChildPage page,
        CancellationToken ct) =>
        ReadAsync(() => inner.SearchChildrenAsync(parent, search, page, ct));

    public Task<DistinctValues> DistinctAsync(NodePath parent, IReadOnlyList<SearchFilter> filters, DistinctRequest request,
        CancellationToken ct) =>
        ReadAsync(() => inner.DistinctAsync(parent, filters, request, ct));

    public Task<IReadOnlyDictionary<NodePath, long>> CountChildrenAsync(IReadOnlyCollection<NodePath> parents, CancellationToken ct) =>
        ReadAsync(() => inner.CountChildrenAsync(parents, ct));

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

    private static async Task<T> ReadAsync<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (Exception e) when (CatalogFailures.Translate(e) is { } unavailable)
        {
            if (!CatalogFailures.IsBrokenConnection(e))
            {
                throw unavailable;
            }

            // The pools are emptied by now: the second attempt opens a new connection.
        }

        return await WriteAsync(read);
    }

    private static async Task<T> WriteAsync<T>(Func<Task<T>> write)
    {
        try
        {
            return await write();
        }
        catch (Exception e) when (CatalogFailures.Translate(e) is { } unavailable)
        {
            throw unavailable;
        }
    }

    private static Task WriteAsync(Func<Task> write) => WriteAsync(async () =>
    {
        await write();
        return true;
    });
}
