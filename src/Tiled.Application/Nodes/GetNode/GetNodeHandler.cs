using MediatR;
using Tiled.Application.Abstractions;

namespace Tiled.Application.Nodes.GetNode;

internal sealed class GetNodeHandler(INodeCatalog catalog) : IRequestHandler<GetNodeQuery, NodeView>
{
    public async Task<NodeView> Handle(GetNodeQuery request, CancellationToken cancellationToken) =>
        await catalog.ViewAsync(await catalog.RequireAsync(request.Path, cancellationToken), cancellationToken);
}
