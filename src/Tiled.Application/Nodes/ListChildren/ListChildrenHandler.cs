using MediatR;
using Tiled.Application.Abstractions;
using Tiled.Domain.Nodes;

namespace Tiled.Application.Nodes.ListChildren;

internal sealed class ListChildrenHandler(INodeCatalog catalog) : IRequestHandler<ListChildrenQuery, ChildrenPage>
{
    public async Task<ChildrenPage> Handle(ListChildrenQuery request, CancellationToken cancellationToken)
    {
        await catalog.RequireAsync(request.Path, StructureFamily.Container, "search", cancellationToken);
        var (items, count) = await catalog.ListChildrenAsync(request.Path, request.Offset, request.Limit, cancellationToken);
        var views = new List<NodeView>(items.Count);
        foreach (var item in items)
        {
            views.Add(await catalog.ViewAsync(item, cancellationToken));
        }

        return new ChildrenPage(views, count);
    }
}
