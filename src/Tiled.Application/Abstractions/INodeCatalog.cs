using System.Text.Json.Nodes;
using Tiled.Application.Search;
using Tiled.Domain.DataSources;
using Tiled.Domain.Nodes;

namespace Tiled.Application.Abstractions;

/// <summary>
/// The catalog of nodes (EF Core on SQLite or PostgreSQL). The root (id 0, path empty) always
/// exists and is never stored. Keys are unique per parent; ids are never reused, not even after
/// the node with the highest id is deleted.
/// </summary>
public interface INodeCatalog
{
    /// <summary>Creates the schema if it is missing. Safe to call on every start.</summary>
    Task InitializeAsync(CancellationToken ct);

    /// <summary>The node at <paramref name="path"/>, with its data sources and assets; null if none.</summary>
    Task<Node?> FindAsync(NodePath path, CancellationToken ct);

    /// <summary>
    /// Stores a new node under an existing parent and returns it with catalog ids filled in (node,
    /// data sources, assets). Throws <c>NodeConflictException</c> if the key exists.
    /// </summary>
    Task<Node> CreateAsync(NodePath path, StructureFamily family, JsonObject metadata, IReadOnlyList<Spec> specs,
        IReadOnlyList<DataSource> dataSources, CancellationToken ct);

    /// <summary>
    /// Children of <paramref name="parent"/> in insertion order, one page, plus the total count. The
    /// page may hold fewer than <paramref name="limit"/> children (at least one, when any remain) when
    /// they are large (<c>max_page_bytes</c>); the next page starts after the last one returned.
    /// </summary>
    Task<(IReadOnlyList<Node> Items, long Count)> ListChildrenAsync(NodePath parent, long offset, int limit, CancellationToken ct);

    /// <summary>
    /// Children of <paramref name="parent"/> matching every filter of <paramref name="search"/>, in its
    /// order, one page, plus how many match. The count and the page's place in the order are found
    /// before this returns (so a query the database refuses, e.g. a regular expression it cannot
    /// compile, throws <c>InvalidRequestException</c> here); the nodes are read in small batches as
    /// <see cref="ChildMatches.Batches"/> is enumerated, and end early at <c>max_page_bytes</c> (at
    /// least one child) as <see cref="ListChildrenAsync"/> does.
    /// </summary>
    Task<ChildMatches> SearchChildrenAsync(NodePath parent, ChildSearch search, ChildPage page, CancellationToken ct);

    /// <summary>Distinct metadata values, structure families and specs among the matching children of <paramref name="parent"/>.</summary>
    Task<DistinctValues> DistinctAsync(NodePath parent, IReadOnlyList<SearchFilter> filters, DistinctRequest request, CancellationToken ct);

    /// <summary>Replaces the structure JSON of one data source (after an array grows).</summary>
    Task UpdateStructureAsync(long dataSourceId, JsonObject structure, CancellationToken ct);

    /// <summary>
    /// Replaces one data source's structure, mimetype, parameters, properties, management and assets
    /// (the new asset list replaces the old one) and returns it with catalog ids filled in.
    /// Throws <c>DataSourceNotFoundException</c> for an unknown id.
    /// </summary>
    Task<DataSource> ReplaceDataSourceAsync(long dataSourceId, DataSource source, CancellationToken ct);

    /// <summary>
    /// Replaces metadata and specs; unless <paramref name="dropRevision"/>, the previous values are
    /// saved as a numbered revision whose number is returned (null when dropped).
    /// </summary>
    Task<long?> UpdateMetadataAsync(long nodeId, JsonObject metadata, IReadOnlyList<Spec> specs, bool dropRevision, CancellationToken ct);

    /// <summary>
    /// Deletes the node and, if any, all its descendants, and returns them as they were (their ids are
    /// never given to another node).
    /// </summary>
    Task<IReadOnlyList<DeletedNode>> DeleteAsync(NodePath path, CancellationToken ct);

    /// <summary>True when <paramref name="path"/> has at least one child.</summary>
    Task<bool> HasChildrenAsync(NodePath path, CancellationToken ct);

    /// <summary>Every data source in the subtree rooted at <paramref name="path"/> (for deletion guards and cleanup).</summary>
    Task<IReadOnlyList<DataSource>> ListDataSourcesInSubtreeAsync(NodePath path, CancellationToken ct);
}
