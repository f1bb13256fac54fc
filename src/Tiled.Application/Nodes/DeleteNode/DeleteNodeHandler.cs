using MediatR;
using Microsoft.Extensions.Logging;
using Tiled.Application.Abstractions;
using Tiled.Application.Common.Errors;
using Tiled.Domain.DataSources;
using Tiled.Domain.Nodes;

namespace Tiled.Application.Nodes.DeleteNode;

internal sealed class DeleteNodeHandler(INodeCatalog catalog, IArrayStore arrays, ITableStore tables, IStreamCache streams,
    ILogger<DeleteNodeHandler> logger) : IRequestHandler<DeleteNodeCommand, DeleteNodeResult>
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
        await CleanUpAsync(deleted, owned);
        return new DeleteNodeResult(owned.Count);
    }

    /// <summary>
    /// Removes the deleted nodes' retained stream entries (their ids are never given again; left over,
    /// they expire with their TTL) and their storage. A failure is logged: the nodes are gone either way.
    /// </summary>
    private async Task CleanUpAsync(IReadOnlyList<long> deleted, IReadOnlyList<DataSource> owned)
    {
        try
        {
            await Task.WhenAll(deleted.Select(id => streams.RemoveAsync(id, CancellationToken.None)));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.StreamCleanupFailed(logger, e, deleted.Count);
        }

        foreach (var source in owned)
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
