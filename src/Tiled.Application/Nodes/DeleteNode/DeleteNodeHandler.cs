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

        var deleted = await catalog.DeleteAsync(request.Path, cancellationToken);
        // Committed: the cleanup runs to the end even if the client goes away.
        await Task.WhenAll(deleted.Where(n => n.DataSources.Count == 0).Select(n => streams.RemoveAsync(n.Id, CancellationToken.None)));
        foreach (var node in deleted.Where(n => n.DataSources.Count > 0))
        {
            await CleanUpAsync(node);
        }

        Log.NodeDeleted(logger, request.Path.ToString());
        return new DeleteNodeResult(owned.Count);
    }

    /// <summary>
    /// Removes a deleted node's stream and owned files under its write lock, so a write that loaded the
    /// node before the deletion finishes first, and none recreates either afterwards (it finds no node).
    /// </summary>
    private async Task CleanUpAsync(DeletedNode node)
    {
        await using (await locks.AcquireAsync(node.Path, CancellationToken.None))
        {
            // Their ids are never given again, but what their streams retained goes now, not when it expires.
            await streams.RemoveAsync(node.Id, CancellationToken.None);
            foreach (var source in node.DataSources.Where(s => s.Management == Management.Writable))
            {
                foreach (var asset in source.Assets)
                {
                    await (source.StructureFamily == StructureFamily.Table
                        ? tables.DeleteAsync(asset.DataUri, CancellationToken.None)
                        : arrays.DeleteAsync(asset.DataUri, CancellationToken.None));
                }
            }
        }
    }
}
