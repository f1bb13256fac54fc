using MediatR;
using Tiled.Application.Abstractions;
using Tiled.Application.Nodes;
using Tiled.Domain.Nodes;

namespace Tiled.Application.Search.Distinct;

internal sealed class DistinctHandler(INodeCatalog catalog) : IRequestHandler<DistinctQuery, DistinctValues>
{
    public async Task<DistinctValues> Handle(DistinctQuery request, CancellationToken cancellationToken)
    {
        await catalog.RequireAsync(request.Path, StructureFamily.Container, "distinct", cancellationToken);
        return await catalog.DistinctAsync(request.Path, request.Filters, request.Request, cancellationToken);
    }
}
