using Tiled.Application.Abstractions;
using Tiled.Application.Common.Errors;
using Tiled.Application.Nodes;
using Tiled.Domain.Arrays;
using Tiled.Domain.DataSources;
using Tiled.Domain.Nodes;

namespace Tiled.Application.Arrays;

/// <summary>An array node resolved to its data source, structure and storage location.</summary>
internal sealed record ArrayTarget(Node Node, DataSource Source, ArrayStructure Structure, string DataUri)
{
    public const string OctetStream = "application/octet-stream";

    public static async Task<ArrayTarget> LoadAsync(INodeCatalog catalog, NodePath path, string purpose, CancellationToken ct)
    {
        var node = await catalog.RequireAsync(path, StructureFamily.Array, purpose, ct);
        var source = node.DataSources.Count > 0
            ? node.DataSources[0]
            : throw new InvalidRequestException($"The array /{path} has no data source.");
        var structure = ArrayStructure.FromJson(source.Structure);
        var dataUri = source.Assets.Count > 0 ? source.Assets[0].DataUri : "";
        return new ArrayTarget(node, source, structure, dataUri);
    }

    /// <summary>Refuses bodies that are not raw array bytes (Tiled registers only octet-stream for writes).</summary>
    public static void RequireOctetStream(string mediaType)
    {
        if (!string.Equals(mediaType.Split(';')[0].Trim(), OctetStream, StringComparison.OrdinalIgnoreCase))
        {
            throw new UnsupportedMediaTypeException(
                $"Array data must be sent as {OctetStream}; the Content-Type '{mediaType}' is not supported.");
        }
    }

    public void RequireWritable()
    {
        if (Source.Management != Management.Writable)
        {
            throw new StructureFamilyMismatchException(Node.Path, Node.StructureFamily, "persisted writes to externally managed");
        }
    }
}
