using Tiled.Application.Common.Concurrency;
using MediatR;
using Microsoft.Extensions.Logging;
using Tiled.Application.Abstractions;
using Tiled.Application.Streaming;
using Tiled.Domain.Arrays;

namespace Tiled.Application.Arrays.WriteArray;

internal sealed class WriteArrayHandler(
    INodeCatalog catalog,
    IArrayStore arrays,
    NodeWriteLocks locks,
    NodeEventPublisher events,
    ILogger<WriteArrayHandler> logger) : IRequestHandler<WriteArrayCommand, WriteArrayResult>
{
    public async Task<WriteArrayResult> Handle(WriteArrayCommand request, CancellationToken cancellationToken)
    {
        ArrayTarget.RequireOctetStream(request.MediaType);
        var target = await ArrayTarget.LoadAsync(catalog, request.Path, "array data", cancellationToken);
        var structure = target.Structure;
        var (start, count) = request.Block is null
            ? (new long[structure.Rank], structure.Shape)
            : ChunkGrid.Block(structure.Chunks, request.Block);
        structure.RequirePayloadLength(request.Payload.Length, count);

        if (request.Persist)
        {
            target.RequireWritable();
            using (await locks.AcquireAsync(target.Node.Id, cancellationToken))
            {
                await arrays.WriteBoxAsync(target.DataUri, structure, start, count, request.Payload, cancellationToken);
            }
        }

        Log.ArrayWritten(logger, request.Path.ToString(), request.Payload.Length, request.Persist);
        var sequence = await events.ArrayDataAsync(target.Node.Id, ArrayTarget.OctetStream, count, null, request.Block,
            request.Payload, cancellationToken);
        return new WriteArrayResult(sequence);
    }
}
