using MediatR;
using Tiled.Application.Abstractions;
using Tiled.Application.Common.Errors;
using Tiled.Application.Search;
using Tiled.Domain.Nodes;

namespace Tiled.Application.Nodes.ListChildren;

internal sealed class ListChildrenHandler(INodeCatalog catalog) : IRequestHandler<ListChildrenQuery, ChildrenPage>
{
    public async Task<ChildrenPage> Handle(ListChildrenQuery request, CancellationToken cancellationToken)
    {
        await catalog.RequireAsync(request.Path, StructureFamily.Container, "search", cancellationToken);
        var search = request.Search ?? ChildSearch.Everything;
        if (request.Cursor is not null && !search.HasDefaultOrder)
        {
            throw new InvalidRequestException("page[cursor] can only be used with the default sort order; use page[offset].");
        }

        var (items, count) = await catalog.SearchChildrenAsync(request.Path, search,
            new ChildPage(request.Offset, request.Limit, request.Cursor), cancellationToken);
        var containers = items.Where(n => n.StructureFamily == StructureFamily.Container).Select(n => n.Path).ToList();
        var childCounts = containers.Count == 0
            ? new Dictionary<NodePath, long>()
            : await catalog.CountChildrenAsync(containers, cancellationToken);
        var views = items
            .Select(n => new NodeView(n, n.StructureFamily == StructureFamily.Container ? childCounts.GetValueOrDefault(n.Path) : null))
            .ToList();
        return new ChildrenPage(views, count);
    }
}
