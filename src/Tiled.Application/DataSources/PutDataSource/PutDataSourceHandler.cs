using MediatR;
using Tiled.Application.Abstractions;
using Tiled.Application.Common.Errors;
using Tiled.Application.Nodes;
using Tiled.Application.Nodes.CreateNode;
using Tiled.Application.Streaming;
using Tiled.Domain.Arrays;
using Tiled.Domain.DataSources;
using Tiled.Domain.Nodes;

namespace Tiled.Application.DataSources.PutDataSource;

internal sealed class PutDataSourceHandler(
    INodeCatalog catalog,
    ExternalStructures external,
    INodeWriteLock locks,
    NodeEventPublisher events) : IRequestHandler<PutDataSourceCommand, PutDataSourceResult>
{
    public async Task<PutDataSourceResult> Handle(PutDataSourceCommand request, CancellationToken cancellationToken)
    {
        await using (await locks.AcquireAsync(request.Path, cancellationToken))
        {
            events.RequireAvailable();
            // Replaced and announced while no other process writes the node, so announcements follow storage order.
            return await ReplaceAsync(await catalog.RequireAsync(request.Path, cancellationToken), request, cancellationToken);
        }
    }

    private async Task<PutDataSourceResult> ReplaceAsync(Node node, PutDataSourceCommand request, CancellationToken cancellationToken)
    {
        var existing = node.DataSources.FirstOrDefault(d => d.Id == request.Source.Id)
            ?? throw new DataSourceNotFoundException(request.Source.Id ?? 0);
        if (existing.Management == Management.Writable || request.Source.Management != Management.External)
        {
            throw new InvalidRequestException("Only externally managed data sources can be replaced; write data to writable arrays instead.");
        }

        if (node.StructureFamily != StructureFamily.Array)
        {
            var stored = await catalog.ReplaceDataSourceAsync(existing.Id ?? 0, request.Source, cancellationToken);
            return new PutDataSourceResult(stored, null);
        }

        var validated = await external.ValidateAsync(request.Source, cancellationToken);
        var structure = ArrayStructure.FromJson(validated.Structure);
        RequirePatchInside(structure, request.PatchOffset, request.PatchShape);
        // Commit the catalog change before announcing it, so a subscriber that reads right away sees the new structure.
        var source = await catalog.ReplaceDataSourceAsync(existing.Id ?? 0, validated, CancellationToken.None);
        var sequence = await events.ArrayRefAsync(node.Id, source, structure.Shape, request.PatchOffset, request.PatchShape, CancellationToken.None);
        return new PutDataSourceResult(source, sequence);
    }

    private static void RequirePatchInside(ArrayStructure structure, long[]? offset, long[]? shape)
    {
        if (offset is null || shape is null)
        {
            return;
        }

        var inside = offset.Length == structure.Rank && shape.Length == structure.Rank
            && offset.Zip(shape, structure.Shape).All(t => t.First >= 0 && t.Second >= 0 && t.First <= t.Third - t.Second);
        if (!inside)
        {
            throw new InvalidRequestException(
                $"The patch (offset {string.Join(',', offset)}, shape {string.Join(',', shape)}) is not inside the new shape ({string.Join(',', structure.Shape)}).");
        }
    }
}
