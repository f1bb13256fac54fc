using Tiled.Application.Abstractions;
using Tiled.Application.Common.Errors;
using Tiled.Application.Nodes;
using Tiled.Domain.DataSources;
using Tiled.Domain.Nodes;
using Tiled.Domain.Tables;

namespace Tiled.Application.Tables;

/// <summary>A table node resolved to its data source, structure and storage location.</summary>
internal sealed record TableTarget(Node Node, DataSource Source, TableStructure Structure, string DataUri)
{
    public static async Task<TableTarget> LoadAsync(INodeCatalog catalog, NodePath path, string purpose, CancellationToken ct)
    {
        var node = await catalog.RequireAsync(path, StructureFamily.Table, purpose, ct);
        var source = node.DataSources.Count > 0
            ? node.DataSources[0]
            : throw new InvalidRequestException($"The table /{path} has no data source.");
        var dataUri = source.Assets.Count > 0
            ? source.Assets[0].DataUri
            : throw new InvalidRequestException($"The table /{path} has no storage.");
        return new TableTarget(node, source, TableStructure.FromJson(source.Structure), dataUri);
    }

    public void RequireWritable()
    {
        if (Source.Management != Management.Writable)
        {
            throw new StructureFamilyMismatchException(Node.Path, Node.StructureFamily, "writes to externally managed");
        }
    }
}
