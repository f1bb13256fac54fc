using MediatR;
using Microsoft.Extensions.Logging;
using Tiled.Application.Abstractions;
using Tiled.Application.Nodes;

namespace Tiled.Application.Streaming.CloseStream;

internal sealed class CloseStreamHandler(INodeCatalog catalog, NodeEventPublisher events, ILogger<CloseStreamHandler> logger)
    : IRequestHandler<CloseStreamCommand, CloseStreamResult>
{
    public async Task<CloseStreamResult> Handle(CloseStreamCommand request, CancellationToken cancellationToken)
    {
        var node = await catalog.RequireAsync(request.Path, cancellationToken);
        var sequence = await events.CloseAsync(node.Id, cancellationToken);
        Log.StreamClosed(logger, request.Path.ToString(), sequence);
        return new CloseStreamResult(sequence);
    }
}
