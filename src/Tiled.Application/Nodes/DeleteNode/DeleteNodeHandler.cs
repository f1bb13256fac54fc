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

        var deleted = await catalog.DeleteAsync(request.Path, cancellationToken);
        // Their ids are never given again, but what their streams retained goes now, not when it expires.
        await Task.WhenAll(deleted.Select(id => streams.RemoveAsync(id, cancellationToken)));
        foreach (var source in owned)
        {
            foreach (var asset in source.Assets)
            {
                await (source.StructureFamily == StructureFamily.Table
                    ? tables.DeleteAsync(asset.DataUri, cancellationToken)
                    : arrays.DeleteAsync(asset.DataUri, cancellationToken));
            }
        }

        Log.NodeDeleted(logger, request.Path.ToString());
        return new DeleteNodeResult(owned.Count);
    }
}
