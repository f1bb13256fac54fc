using MediatR;
using Microsoft.Extensions.Logging;
using Tiled.Application.Abstractions;
using Tiled.Application.Common.Limits;
using Tiled.Application.Streaming;
using Tiled.Domain.Arrays;

namespace Tiled.Application.Arrays.PatchArray;

internal sealed class PatchArrayHandler(
    INodeCatalog catalog,
    IArrayStore arrays,
    INodeWriteLock locks,
    NodeEventPublisher events,
    InputLimitChecks limits,
    ILogger<PatchArrayHandler> logger) : IRequestHandler<PatchArrayCommand, ArrayStructure>
{
    public async Task<ArrayStructure> Handle(PatchArrayCommand request, CancellationToken cancellationToken)
    {
        ArrayTarget.RequireOctetStream(request.MediaType);
        if (!request.Persist)
        {
            var target = await ArrayTarget.LoadAsync(catalog, request.Path, "array data", cancellationToken);
            var at = ArrayStructure.PadOffset(request.Offset, target.Structure.Rank);
            var structure = Validate(target.Structure, at, request);
            await PublishAsync(target, at, request, null, cancellationToken);
            return structure;
        }

        await using (await locks.AcquireAsync(request.Path, cancellationToken))
        {
            // Decided against the catalog as it is now: another process may have grown the array meanwhile.
            var current = await ArrayTarget.LoadAsync(catalog, request.Path, "array data", cancellationToken);
            var offset = ArrayStructure.PadOffset(request.Offset, current.Structure.Rank);
            current.RequireWritable();
            events.RequireAvailable();
            Validate(current.Structure, offset, request);
            var grown = current.Structure.Patch(offset, request.Shape, request.Extend);
            if (!ReferenceEquals(grown, current.Structure))
            {
                limits.RequireArray(grown);
            }

            // Not cancelled from here on: the box, the resize and the catalog change go together (see WriteArrayHandler).
            await arrays.WriteBoxAsync(current.DataUri, grown, offset, request.Shape, request.Payload.Bytes, CancellationToken.None);
            if (!grown.Shape.SequenceEqual(current.Structure.Shape))
            {
                await arrays.ResizeAsync(current.DataUri, grown, CancellationToken.None);
                await catalog.UpdateStructureAsync(current.Source.Id ?? 0, grown.ToJson(), CancellationToken.None);
                Log.ArrayExtended(logger, request.Path.ToString(), string.Join(',', grown.Shape));
            }

            Log.ArrayWritten(logger, request.Path.ToString(), request.Payload.Length, true);
            var source = ReferenceEquals(grown, current.Structure) ? current.Source : current.Source with { Structure = grown.ToJson() };
            await PublishAsync(current, offset, request, new StoredRegion(source, grown.Shape, offset, request.Shape), CancellationToken.None);
            return grown;
        }
    }

    private static ArrayStructure Validate(ArrayStructure structure, long[] offset, PatchArrayCommand request)
    {
        structure.Patch(offset, request.Shape, request.Extend);
        structure.RequirePayloadLength(request.Payload.Length, request.Shape);
        return structure;
    }

    /// <summary>Announces the patch; <paramref name="stored"/> is null when it was not persisted (it can only be sent inline).</summary>
    private Task<long> PublishAsync(ArrayTarget target, long[] offset, PatchArrayCommand request, StoredRegion? stored, CancellationToken ct) =>
        events.ArrayDataAsync(target.Node.Id, ArrayTarget.OctetStream, request.Shape, offset, null, request.Payload, stored, ct);
}
