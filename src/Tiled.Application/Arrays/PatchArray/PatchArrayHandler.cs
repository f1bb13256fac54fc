using Tiled.Application.Common.Concurrency;
using MediatR;
using Microsoft.Extensions.Logging;
using Tiled.Application.Abstractions;
using Tiled.Application.Streaming;
using Tiled.Domain.Arrays;

namespace Tiled.Application.Arrays.PatchArray;

internal sealed class PatchArrayHandler(
    INodeCatalog catalog,
    IArrayStore arrays,
    NodeWriteLocks locks,
    NodeEventPublisher events,
    ILogger<PatchArrayHandler> logger) : IRequestHandler<PatchArrayCommand, ArrayStructure>
{
    public async Task<ArrayStructure> Handle(PatchArrayCommand request, CancellationToken cancellationToken)
    {
        ArrayTarget.RequireOctetStream(request.MediaType);
        var target = await ArrayTarget.LoadAsync(catalog, request.Path, "array data", cancellationToken);
        var offset = ArrayStructure.PadOffset(request.Offset, target.Structure.Rank);
        var result = request.Persist
            ? await PersistAsync(target, offset, request, cancellationToken)
            : Validate(target.Structure, offset, request);

        await events.ArrayDataAsync(target.Node.Id, ArrayTarget.OctetStream, request.Shape, offset, null,
            request.Payload, cancellationToken);
        return result;
    }

    private static ArrayStructure Validate(ArrayStructure structure, long[] offset, PatchArrayCommand request)
    {
        structure.Patch(offset, request.Shape, request.Extend);
        structure.RequirePayloadLength(request.Payload.Length, request.Shape);
        return structure;
    }

    private async Task<ArrayStructure> PersistAsync(ArrayTarget target, long[] offset, PatchArrayCommand request, CancellationToken ct)
    {
        target.RequireWritable();
        using (await locks.AcquireAsync(target.Node.Id, ct))
        {
            // Reload under the lock: a concurrent extend may have grown the array meanwhile.
            var current = await ArrayTarget.LoadAsync(catalog, request.Path, "array data", ct);
            Validate(current.Structure, offset, request);
            var grown = current.Structure.Patch(offset, request.Shape, request.Extend);
            await arrays.WriteBoxAsync(current.DataUri, grown, offset, request.Shape, request.Payload, ct);
            if (!grown.Shape.SequenceEqual(current.Structure.Shape))
            {
                await arrays.ResizeAsync(current.DataUri, grown, ct);
                await catalog.UpdateStructureAsync(current.Source.Id ?? 0, grown.ToJson(), ct);
                Log.ArrayExtended(logger, request.Path.ToString(), string.Join(',', grown.Shape));
            }

            Log.ArrayWritten(logger, request.Path.ToString(), request.Payload.Length, true);
            return grown;
        }
    }
}
