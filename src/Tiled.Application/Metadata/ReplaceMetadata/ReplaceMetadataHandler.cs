using MediatR;
using Tiled.Application.Abstractions;
using Tiled.Application.Nodes;

namespace Tiled.Application.Metadata.ReplaceMetadata;

internal sealed class ReplaceMetadataHandler(MetadataWriter writer)
    : IRequestHandler<ReplaceMetadataCommand, MetadataResult>
{
    public async Task<MetadataResult> Handle(ReplaceMetadataCommand request, CancellationToken cancellationToken)
    {
        return await writer.UpdateAsync(request.Path, node => (request.Metadata ?? node.Metadata, request.Specs ?? node.Specs),
            request.DropRevision, cancellationToken);
    }
}
