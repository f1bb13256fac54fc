using System.Runtime.CompilerServices;
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

        var matches = await catalog.SearchChildrenAsync(request.Path, search,
            new ChildPage(request.Offset, request.Limit, request.Cursor), cancellationToken);
        return new ChildrenPage(Flatten(matches.Batches), matches.Count);
    }

    private static async IAsyncEnumerable<NodeView> Flatten(IAsyncEnumerable<IReadOnlyList<NodeView>> batches,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var batch in batches.WithCancellation(ct))
        {
            foreach (var view in batch)
            {
                yield return view;
            }
        }
    }
}
