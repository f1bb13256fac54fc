using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tiled.Application.Abstractions;
using Tiled.Application.Common.Errors;
using Tiled.Application.Common.Limits;
using Tiled.Application.Nodes;
using Tiled.Application.Search;
using Tiled.Domain.DataSources;
using Tiled.Domain.Nodes;
using Tiled.Infrastructure.Persistence.Rows;
using Tiled.Infrastructure.Persistence.Search;

namespace Tiled.Infrastructure.Persistence;

/// <summary>
/// The node catalog on EF Core (SQLite or PostgreSQL). Each call uses its own short-lived
/// context, so one instance can be a singleton shared by concurrent requests. A page of children
/// ends early once it holds <see cref="InputLimits.MaxPageBytes"/> of JSON (at least one child); a
/// search page is read in small batches as it is sent, so a listing of large nodes holds about one
/// batch in memory, never the page. A create whose commit failed may have committed all the same
/// (the database may have run it and lost only the answer): the request answered that nothing
/// changed, so the node is taken back (deleted by its id) before its path is next looked up, and in
/// the background once the database answers again (ADR 0014).
/// </summary>
public sealed class EfNodeCatalog(IDbContextFactory<TiledDbContext> factory, TimeProvider clock, InputLimits? limits = null)
    : INodeCatalog, IAsyncDisposable
{
    // Concurrent metadata updates of one node race for the next revision number; the loser retries.
    private const int MaxRevisionAttempts = 10;

    private readonly long _maxPageBytes = (limits ?? new InputLimits()).MaxPageBytes;
    private readonly CatalogQueries _queries = new();
    private readonly NodeCache _cache = new();
    private readonly NodeStampReader _stamps = new(factory);

    // Creates whose commit failed, by path: the id their insert was given.
    private readonly ConcurrentDictionary<string, long> _inDoubt = new(StringComparer.Ordinal);
    private static readonly TimeSpan TakeBackInterval = TimeSpan.FromMilliseconds(500);

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await CatalogSchema.OpenAsync(db, createOrUpgrade: true, ct);
    }

    /// <summary>Closes the connections kept open for stamp reads.</summary>
    public ValueTask DisposeAsync() => _stamps.DisposeAsync();

    /// <inheritdoc />
    public async Task<Node?> FindAsync(NodePath path, CancellationToken ct)
    {
        if (path.IsRoot)
        {
            return Node.CreateRoot(clock.GetUtcNow());
        }

        var key = path.ToString();
        if (!_inDoubt.IsEmpty && _inDoubt.TryGetValue(key, out var doubtful))
        {
            await TakeBackAsync(key, doubtful);
        }

        var stamp = await _stamps.ReadAsync(key, ct);
        if (stamp is null)
        {
            _cache.Forget(key);
            return null;
        }

        if (_cache.Get(key, stamp) is { } cached)
        {
            return cached;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await _queries.NodeByPath(db, key, ct);
        return row is null ? null : _cache.Put(key, new NodeStamp(row.Id, row.Version), RowMapper.ToNode(row));
    }

    /// <inheritdoc />
    public async Task<Node> CreateAsync(NodePath path, StructureFamily family, JsonObject metadata, IReadOnlyList<Spec> specs,
        IReadOnlyList<DataSource> dataSources, CancellationToken ct)
    {
        if (path.IsRoot)
        {
            throw new NodeConflictException(path);
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        await RequireContainerAsync(db, path.Parent, ct);
        var row = RowMapper.ToRow(path, family, metadata, specs, dataSources, Now());
        db.Nodes.Add(row);
        // The commit is a round trip of its own, sent once the inserts are acknowledged: without it a single
        // insert commits by itself, and one sent to a database that froze runs when it thaws, after this
        // request gave up and answered that nothing changed (its retry then met the node: 409). Now an
        // unacknowledged insert is rolled back with its broken connection; only a commit can be in doubt.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
        {
            throw new NodeConflictException(path);
        }

        try
        {
            await transaction.CommitAsync(ct);
        }
        catch
        {
            Doubt(path, row.Id);
            throw;
        }

        if (ct.IsCancellationRequested)
        {
            // Committed after the caller's deadline passed: it answers that nothing changed, so take it back.
            Doubt(path, row.Id);
            ct.ThrowIfCancellationRequested();
        }

        return RowMapper.ToNode(row);
    }

    private void Doubt(NodePath path, long id)
    {
        var key = path.ToString();
        _inDoubt[key] = id;
        _ = TakeBackLaterAsync(key, id);
    }

    /// <summary>Deletes the node (and whatever was made under it meanwhile) if the doubtful create of <paramref name="id"/> committed.</summary>
    private async Task TakeBackAsync(string key, long id)
    {
        // Cleanup: never the request's cancellation, each statement bounded by the database timeout.
        await using var db = await factory.CreateDbContextAsync(CancellationToken.None);
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        if (await db.Nodes.AnyAsync(n => n.Id == id && n.Path == key, CancellationToken.None))
        {
            await db.Nodes.Where(SubtreeFilter.Of(NodePath.Parse(key))).ExecuteDeleteAsync(CancellationToken.None);
        }

        await transaction.CommitAsync(CancellationToken.None);
        _inDoubt.TryRemove(new KeyValuePair<string, long>(key, id));
    }

    private async Task TakeBackLaterAsync(string key, long id)
    {
        while (_inDoubt.TryGetValue(key, out var current) && current == id)
        {
            await Task.Delay(TakeBackInterval, clock);
            try
            {
                await TakeBackAsync(key, id);
            }
            catch (Exception e) when (CatalogFailures.Translate(e) is not null)
            {
                // Still unavailable: try again.
            }
        }
    }

    /// <inheritdoc />
    public async Task<(IReadOnlyList<Node> Items, long Count)> ListChildrenAsync(NodePath parent, long offset, int limit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var db = await factory.CreateDbContextAsync(ct);
        var key = parent.ToString();
        var children = db.Nodes.Where(n => n.ParentPath == key);
        var count = await children.LongCountAsync(ct);
        if (limit == 0 || offset >= count)
        {
            return ([], count);
        }

        var rows = WithDataSources(children).OrderBy(n => n.Id).Skip((int)offset).Take(limit).AsAsyncEnumerable();
        var nodes = new List<Node>();
        var budget = new PageBudget(_maxPageBytes);
        await foreach (var row in rows.WithCancellation(ct))
        {
            nodes.Add(RowMapper.ToNode(row));
            budget.Add(row);
            if (budget.IsFull)
            {
                break;
            }
        }

        return (nodes, count);
    }

    /// <inheritdoc />
    public async Task<ChildMatches> SearchChildrenAsync(NodePath parent, ChildSearch search, ChildPage page, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(page.Offset);
        ArgumentOutOfRangeException.ThrowIfNegative(page.Limit);
        List<PageRow> rows;
        long count;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            (rows, count) = await CatalogSearch.PageAsync(db, parent, search, page, ct);
        }

        return rows.Count == 0 ? ChildMatches.CountOnly(count) : new ChildMatches(count, ReadInBatchesAsync(rows));
    }

    /// <summary>
    /// The nodes of these rows, in this order (any deleted meanwhile are left out), until the page
    /// budget is reached, in the batches <see cref="BatchPlan"/> plans. Each batch is read whole and
    /// then handed on, so a page of large nodes is never held whole.
    /// </summary>
    private async IAsyncEnumerable<IReadOnlyList<NodeView>> ReadInBatchesAsync(List<PageRow> rows, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var budget = new PageBudget(_maxPageBytes);
        var largest = 0L;
        for (var next = 0; next < rows.Count && !budget.IsFull;)
        {
            var batch = rows.GetRange(next, BatchPlan.NextBatch(rows, next, largest)).ConvertAll(r => r.Id);
            next += batch.Count;
            var (nodes, largestRow) = await ReadBatchAsync(batch, budget, ct);
            if (nodes.Count > 0)
            {
                yield return nodes;
            }

            largest = Math.Max(largest, largestRow);
        }
    }

    /// <summary>
    /// The batch's nodes in its order (containers with their numbers of children), counted into
    /// <paramref name="budget"/> until it is full, and the size of its largest row.
    /// </summary>
    private async Task<(List<NodeView> Nodes, long LargestRow)> ReadBatchAsync(List<long> batch, PageBudget budget, CancellationToken ct)
    {
        SearchRows.Batch read;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            read = await SearchRows.ReadAsync(db, batch, ct);
        }

        var nodes = new List<NodeView>(batch.Count);
        var largest = 0L;
        foreach (var id in batch)
        {
            if (budget.IsFull)
            {
                break;
            }

            if (read.Rows.TryGetValue(id, out var row))
            {
                var node = RowMapper.ToNodeWithStoredMetadata(row);
                nodes.Add(new NodeView(node, node.StructureFamily == StructureFamily.Container ? read.ChildCounts.GetValueOrDefault(row.Path) : null));
                largest = Math.Max(largest, budget.Add(row));
            }
        }

        return (nodes, largest);
    }

    /// <inheritdoc />
    public async Task<DistinctValues> DistinctAsync(NodePath parent, IReadOnlyList<SearchFilter> filters, DistinctRequest request,
        CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await CatalogSearch.DistinctAsync(db, parent, filters, request, ct);
    }

    /// <inheritdoc />
    public async Task UpdateStructureAsync(long dataSourceId, JsonObject structure, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The node row first, then its data source: the order a deletion locks them in (its cascade
        // goes from nodes to data sources), so the two cannot deadlock.
        var updated = await db.Nodes.Where(n => n.DataSources.Any(d => d.Id == dataSourceId))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.Version, n => n.Version + 1), ct);
        if (updated == 0)
        {
            throw new DataSourceNotFoundException(dataSourceId);
        }

        var json = JsonColumns.Write(structure);
        await db.DataSources.Where(d => d.Id == dataSourceId)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Structure, json), ct);
        await transaction.CommitAsync(ct);
    }

    /// <inheritdoc />
    public async Task<DataSource> ReplaceDataSourceAsync(long dataSourceId, DataSource source, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.DataSources.Include(d => d.Assets).Include(d => d.Node).SingleOrDefaultAsync(d => d.Id == dataSourceId, ct)
            ?? throw new DataSourceNotFoundException(dataSourceId);
        row.Node.Version++;
        var replacement = RowMapper.ToRow(source);
        row.Structure = replacement.Structure;
        row.Mimetype = replacement.Mimetype;
        row.Parameters = replacement.Parameters;
        row.Properties = replacement.Properties;
        row.Management = replacement.Management;
        db.Assets.RemoveRange(row.Assets);
        row.Assets = RowMapper.ToAssetRows(source);
        await db.SaveChangesAsync(ct);
        return RowMapper.ToDataSource(row);
    }

    /// <inheritdoc />
    public async Task<long?> UpdateMetadataAsync(long nodeId, JsonObject metadata, IReadOnlyList<Spec> specs, bool dropRevision,
        CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var node = await db.Nodes.SingleOrDefaultAsync(n => n.Id == nodeId, ct) ?? throw new NodeNotFoundException(nodeId);
            var now = Now();
            long? number = null;
            if (!dropRevision)
            {
                number = (await db.Revisions.Where(r => r.NodeId == nodeId).MaxAsync(r => (long?)r.RevisionNumber, ct) ?? 0) + 1;
                db.Revisions.Add(new RevisionRow
                {
                    NodeId = nodeId,
                    RevisionNumber = number.Value,
                    Metadata = node.Metadata,
                    Specs = node.Specs,
                    TimeUpdated = now,
                });
            }

            node.Metadata = JsonColumns.Write(metadata);
            node.Specs = JsonColumns.WriteSpecs(specs);
            node.TimeUpdated = now;
            node.Version++;
            try
            {
                await db.SaveChangesAsync(ct);
                return number;
            }
            catch (DbUpdateException ex) when (attempt < MaxRevisionAttempts && UniqueViolation.Is(ex))
            {
                // Another update took this revision number first: read its result and try again.
            }
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DeletedNode>> DeleteAsync(NodePath path, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var subtree = db.Nodes.Where(SubtreeFilter.Of(path));
        var rows = await WithDataSources(subtree).OrderBy(n => n.Id).ToListAsync(ct);
        // Data sources, assets and revisions go by ON DELETE CASCADE.
        await subtree.ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        return rows.Select(r => new DeletedNode(r.Id, NodePath.Parse(r.Path), r.DataSources.Select(RowMapper.ToDataSource).ToList()))
            .ToList();
    }

    /// <inheritdoc />
    public async Task<bool> HasChildrenAsync(NodePath path, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var key = path.ToString();
        return await db.Nodes.AnyAsync(n => n.ParentPath == key, ct);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DataSource>> ListDataSourcesInSubtreeAsync(NodePath path, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Nodes.Where(SubtreeFilter.Of(path))
            .SelectMany(n => n.DataSources)
            .Include(d => d.Assets.OrderBy(a => a.Id))
            .OrderBy(d => d.Id)
            .AsNoTracking()
            .ToListAsync(ct);
        return rows.Select(RowMapper.ToDataSource).ToList();
    }

    private static IQueryable<NodeRow> WithDataSources(IQueryable<NodeRow> nodes) =>
        nodes.AsNoTracking()
            .Include(n => n.DataSources.OrderBy(d => d.Id))
            .ThenInclude(d => d.Assets.OrderBy(a => a.Id));

    private static async Task RequireContainerAsync(TiledDbContext db, NodePath parent, CancellationToken ct)
    {
        if (parent.IsRoot)
        {
            return;
        }

        var key = parent.ToString();
        var family = await db.Nodes.Where(n => n.Path == key).Select(n => n.StructureFamily).SingleOrDefaultAsync(ct)
            ?? throw new NodeNotFoundException(parent);
        if (WireNames.Family(family) is var actual && actual != StructureFamily.Container)
        {
            throw new StructureFamilyMismatchException(parent, actual, "new child");
        }
    }

    // PostgreSQL keeps microseconds: round here so that what CreateAsync returns equals what FindAsync reads.
    private DateTimeOffset Now()
    {
        var now = clock.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % 10), TimeSpan.Zero);
    }
}
