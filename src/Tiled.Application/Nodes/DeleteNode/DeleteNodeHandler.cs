using MediatR;
using Microsoft.Extensions.Logging;
using Tiled.Application.Abstractions;
using Tiled.Application.Common.Errors;
using Tiled.Domain.DataSources;
using Tiled.Domain.Nodes;

namespace Tiled.Application.Nodes.DeleteNode;

internal sealed class DeleteNodeHandler(INodeCatalog catalog, IArrayStore arrays, ITableStore tables, IStreamCache streams,
    INodeWriteLock locks, ILogger<DeleteNodeHandler> logger) : IRequestHandler<DeleteNodeCommand, DeleteNodeResult>
{
    public async Task<DeleteNodeResult> Handle(DeleteNodeCommand request, CancellationToken cancellationToken)
    {
        if (request.Path.IsRoot)
        {
            throw new InvalidRequestException("The root node cannot be deleted.");
        }

        await catalog.RequireAsync(request.Path, cancellationToken);
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
        var deleted = await catalog.DeleteAsync(request.Path, CancellationToken.None);
        Log.NodeDeleted(logger, request.Path.ToString());
        await RemoveStreamsAsync(deleted.Where(n => n.DataSources.Count == 0).Select(n => n.Id).ToList());
        foreach (var node in deleted.Where(n => n.DataSources.Count > 0))
        {
            await CleanUpAsync(node);
        }

        return new DeleteNodeResult(owned.Count);
    }

    /// <summary>
    /// Removes a deleted node's stream and owned files under its write lock, so a write that loaded the
    /// node before the deletion finishes first, and none recreates either afterwards (it finds no node).
    /// A failure is logged: the node is gone either way (left-over stream entries expire with their TTL).
    /// </summary>
    private async Task CleanUpAsync(DeletedNode node)
    {
        await using (await locks.AcquireAsync(node.Path, CancellationToken.None))
        {
            await RemoveStreamsAsync([node.Id]);
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
    }

    /// <summary>Their ids are never given again, but what their streams retained goes now, not when it expires.</summary>
    private async Task RemoveStreamsAsync(IReadOnlyList<long> ids)
    {
        try
        {
            await Task.WhenAll(ids.Select(id => streams.RemoveAsync(id, CancellationToken.None)));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.StreamCleanupFailed(logger, e, ids.Count);
        }
    }
}
