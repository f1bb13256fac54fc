using MediatR;
using Tiled.Application.Abstractions;
using Tiled.Application.Nodes;

namespace Tiled.Application.Metadata.ReplaceMetadata;

internal sealed class ReplaceMetadataHandler(INodeCatalog catalog, MetadataWriter writer)
    : IRequestHandler<ReplaceMetadataCommand, MetadataResult>
{
    public async Task<MetadataResult> Handle(ReplaceMetadataCommand request, CancellationToken cancellationToken)
    {
        var node = await catalog.RequireAsync(request.Path, cancellationToken);
        return await writer.WriteAsync(node, request.Metadata ?? node.Metadata, request.Specs ?? node.Specs,
            request.DropRevision, cancellationToken);
    }
}
