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
        return new ChildrenPage(WithChildCountsAsync(matches.Batches), matches.Count);
    }

    /// <summary>The nodes of each batch as views, with one query for the child counts of the batch's containers.</summary>
    private async IAsyncEnumerable<NodeView> WithChildCountsAsync(IAsyncEnumerable<IReadOnlyList<Node>> batches,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var batch in batches.WithCancellation(ct))
        {
            var containers = batch.Where(n => n.StructureFamily == StructureFamily.Container).Select(n => n.Path).ToList();
            var childCounts = containers.Count == 0
                ? new Dictionary<NodePath, long>()
                : await catalog.CountChildrenAsync(containers, ct);
            foreach (var node in batch)
            {
                yield return new NodeView(node, node.StructureFamily == StructureFamily.Container ? childCounts.GetValueOrDefault(node.Path) : null);
            }
        }
    }
}
