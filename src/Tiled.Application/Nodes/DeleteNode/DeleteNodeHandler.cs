using MediatR;
using Microsoft.Extensions.Logging;
using Tiled.Application.Abstractions;
using Tiled.Application.Common.Errors;
using Tiled.Application.Streaming;
using Tiled.Domain.DataSources;
using Tiled.Domain.Nodes;

namespace Tiled.Application.Nodes.DeleteNode;

/// <summary>
/// Deletes a node (and, when asked, its subtree) from the catalog, then tells subscribers: the
/// parent's stream gets <c>container-child-deleted</c>, and each deleted node's stream ends with a
/// deletion marker before it is removed, so its subscribers on every server are closed with that
/// reason. Announcing is best effort (a deletion is never refused or undone for the stream cache).
/// </summary>
internal sealed class DeleteNodeHandler(INodeCatalog catalog, IArrayStore arrays, ITableStore tables, IStreamCache streams,
    NodeEventPublisher events, INodeWriteLock locks, ILogger<DeleteNodeHandler> logger, TimeProvider clock) : IRequestHandler<DeleteNodeCommand, DeleteNodeResult>
{
    /// <summary>How often, and how many times, a delete the database failed to confirm is looked for once more.</summary>
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromMilliseconds(500);

    public const int Rechecks = 1200;

    public async Task<DeleteNodeResult> Handle(DeleteNodeCommand request, CancellationToken cancellationToken)
    {
        if (request.Path.IsRoot)
        {
            throw new InvalidRequestException("The root node cannot be deleted.");
        }

        var target = await catalog.RequireAsync(request.Path, cancellationToken);
        var parent = await catalog.FindAsync(request.Path.Parent, cancellationToken);
        if (!request.Recursive && await catalog.HasChildrenAsync(request.Path, cancellationToken))
        {
            throw new DeletionConflictException(
                "Cannot delete a node that is not empty. Delete its contents first or pass `recursive=True`.");
        }

        var owned = (await catalog.ListDataSourcesInSubtreeAsync(request.Path, cancellationToken))
            .Where(s => s.Management == Management.Writable).ToList();
        if (request.ExternalOnly && owned.Count > 0)
        {
            throw new DeletionConflictException(
                "Some items in this tree are internally managed. Deleting the records will also delete the underlying " +
                "data files. If you want to delete them, pass external_only=False.");
        }

        // The catalog's commit is the delete: not cancelled, and what follows is cleanup that never undoes it.
        IReadOnlyList<DeletedNode> deleted;
        try
        {
            deleted = await catalog.DeleteAsync(request.Path, CancellationToken.None);
        }
        catch (CatalogUnavailableException)
        {
            _ = FinishIfCommittedAsync(new DeletedNode(target.Id, target.Path, owned));
            throw;
        }

        Log.NodeDeleted(logger, request.Path.ToString());
        await BestEffortAsync(() => events.ChildDeletedAsync(parent?.Id ?? Node.RootId, request.Path.Key, CancellationToken.None), 1);
        await EndStreamsAsync(deleted.Where(n => n.DataSources.Count == 0).Select(n => n.Id).ToList());
        foreach (var node in deleted.Where(n => n.DataSources.Count > 0))
        {
            await CleanUpAsync(node);
        }

        return new DeleteNodeResult(owned.Count);
    }

    /// <summary>
    /// The database may have committed the delete and lost only its reply (the request was answered
    /// 503): once it answers, if the node is gone, remove the storage its subtree owned (and the node's
    /// stream) as a confirmed delete would. A node still there (the same id) was not deleted.
    /// </summary>
    private async Task FinishIfCommittedAsync(DeletedNode doubtful)
    {
        for (var check = 0; check < Rechecks; check++)
        {
            await Task.Delay(RecheckInterval, clock);
            Node? now;
            try
            {
                now = await catalog.FindAsync(doubtful.Path, CancellationToken.None);
            }
            catch (CatalogUnavailableException)
            {
                continue;
            }

            if (now?.Id != doubtful.Id)
            {
                Log.DeleteFinishedLate(logger, doubtful.Path.ToString());
                await CleanUpAsync(doubtful);
            }

            return;
        }
    }

    /// <summary>
    /// Removes a deleted node's stream and owned files under its write lock, so a write that loaded the
    /// node before the deletion finishes first, and none recreates either afterwards (it finds no node).
    /// A failure is logged: the node is gone either way (left-over stream entries expire with their TTL), and
    /// a lock the database cannot give is done without, never an error for a committed delete.
    /// </summary>
    private async Task CleanUpAsync(DeletedNode node)
    {
        IAsyncDisposable? held = null;
        try
        {
            held = await locks.AcquireAsync(node.Path, CancellationToken.None);
        }
        catch (CatalogUnavailableException e)
        {
            // The delete is committed, so this is no error: clean up unlocked (a writer in another process lost its lock with the database).
            Log.DeleteCleanupUnlocked(logger, e, node.Path.ToString());
        }

        try
        {
            await EndStreamsAsync([node.Id]);
            foreach (var source in node.DataSources.Where(s => s.Management == Management.Writable))
            {
                foreach (var asset in source.Assets)
                {
                    try
                    {
                        await (source.StructureFamily == StructureFamily.Table
                            ? tables.DeleteAsync(asset.DataUri, CancellationToken.None)
                            : arrays.DeleteAsync(asset.DataUri, CancellationToken.None));
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        Log.StorageCleanupFailed(logger, e, asset.DataUri);
                    }
                }
            }
        }
        finally
        {
            if (held is not null)
            {
                await held.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Ends each stream with the deletion marker (its subscribers are closed), then removes it: the
    /// ids are never given again, but what the streams retained goes now, not when it expires.
    /// </summary>
    private Task EndStreamsAsync(IReadOnlyList<long> ids) =>
        BestEffortAsync(() => Task.WhenAll(ids.Select(async id =>
        {
            await events.NodeDeletedAsync(id, CancellationToken.None);
            await streams.RemoveAsync(id, CancellationToken.None);
        })), ids.Count);

    private async Task BestEffortAsync(Func<Task> announce, int streamCount)
    {
        try
        {
            await announce();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.StreamCleanupFailed(logger, e, streamCount);
        }
    }
}
