using MediatR;
using Microsoft.Extensions.Logging;
using Tiled.Application.Abstractions;
using Tiled.Application.Streaming;
using Tiled.Domain.Arrays;

namespace Tiled.Application.Arrays.WriteArray;

internal sealed class WriteArrayHandler(
    INodeCatalog catalog,
    IArrayStore arrays,
    INodeWriteLock locks,
    NodeEventPublisher events,
    ILogger<WriteArrayHandler> logger) : IRequestHandler<WriteArrayCommand, WriteArrayResult>
{
    public async Task<WriteArrayResult> Handle(WriteArrayCommand request, CancellationToken cancellationToken)
    {
        ArrayTarget.RequireOctetStream(request.MediaType);
        if (!request.Persist)
        {
            var target = await ArrayTarget.LoadAsync(catalog, request.Path, "array data", cancellationToken);
            var count = Region(target.Structure, request, out _);
            Log.ArrayWritten(logger, request.Path.ToString(), request.Payload.Length, false);
            return new WriteArrayResult(await PublishAsync(target, count, request, null, cancellationToken));
        }

        await using (await locks.AcquireAsync(request.Path, cancellationToken))
        {
            // The block grid is the one in the catalog now: another process may have grown the array meanwhile.
            var current = await ArrayTarget.LoadAsync(catalog, request.Path, "array data", cancellationToken);
            current.RequireWritable();
            events.RequireAvailable();
            var count = Region(current.Structure, request, out var start);
            // From here on the request's cancellation is not followed: a write stopped half-way would leave some chunks
            // written and nothing announced. Each step is bounded by its own timeout.
            await arrays.WriteBoxAsync(current.DataUri, current.Structure, start, count, request.Payload.Bytes, CancellationToken.None);
            Log.ArrayWritten(logger, request.Path.ToString(), request.Payload.Length, true);
            var stored = new StoredRegion(current.Source, current.Structure.Shape, start, count);
            return new WriteArrayResult(await PublishAsync(current, count, request, stored, CancellationToken.None));
        }
    }

    /// <summary>The whole array or the requested block, after checking that the payload fills it exactly.</summary>
    private static long[] Region(ArrayStructure structure, WriteArrayCommand request, out long[] start)
    {
        (start, var count) = request.Block is null
            ? (new long[structure.Rank], structure.Shape)
            : ChunkGrid.Block(structure.Chunks, request.Block);
        structure.RequirePayloadLength(request.Payload.Length, count);
        return count;
    }

    /// <summary>Announces the write; <paramref name="stored"/> is null when it was not persisted (it can only be sent inline).</summary>
    private Task<long> PublishAsync(ArrayTarget target, long[] count, WriteArrayCommand request, StoredRegion? stored, CancellationToken ct) =>
        events.ArrayDataAsync(target.Node.Id, ArrayTarget.OctetStream, count, null, request.Block, request.Payload, stored, ct);
}
