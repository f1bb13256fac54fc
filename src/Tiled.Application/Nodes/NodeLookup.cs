using Tiled.Application.Abstractions;
using Tiled.Application.Common.Errors;
using Tiled.Domain.Nodes;

namespace Tiled.Application.Nodes;

/// <summary>Loading nodes the way every use case needs: missing is a 404, and families are checked.</summary>
internal static class NodeLookup
{
    public static async Task<Node> RequireAsync(this INodeCatalog catalog, NodePath path, CancellationToken ct) =>
        await catalog.FindAsync(path, ct) ?? throw new NodeNotFoundException(path);

    public static async Task<Node> RequireAsync(this INodeCatalog catalog, NodePath path, StructureFamily family,
        string purpose, CancellationToken ct)
    {
        var node = await catalog.RequireAsync(path, ct);
        return node.StructureFamily == family ? node : throw new StructureFamilyMismatchException(path, node.StructureFamily, purpose);
    }

    public static async Task<NodeView> ViewAsync(this INodeCatalog catalog, Node node, CancellationToken ct)
    {
        if (node.StructureFamily != StructureFamily.Container)
        {
            return new NodeView(node, null);
        }

        var (_, count) = await catalog.ListChildrenAsync(node.Path, 0, 0, ct);
        return new NodeView(node, count);
    }
}
