using System.Text.Json.Nodes;
using Tiled.Application.Abstractions;
using Tiled.Application.Common.Errors;
using Tiled.Application.Streaming;
using Tiled.Domain.Nodes;

namespace Tiled.Application.Metadata;

/// <summary>Stores new metadata and specs (keeping a revision) and tells the parent's subscribers.</summary>
internal sealed class MetadataWriter(INodeCatalog catalog, NodeEventPublisher events)
{
    public const int MaxSpecs = 20;

    public async Task<MetadataResult> WriteAsync(Node node, JsonObject metadata, IReadOnlyList<Spec> specs, bool dropRevision,
        CancellationToken ct)
    {
        if (node.Path.IsRoot)
        {
            throw new InvalidRequestException("The root node's metadata cannot be changed.");
        }

        if (specs.Count > MaxSpecs || specs.Select(s => s.Name).Distinct().Count() != specs.Count)
        {
            throw new InvalidRequestException($"Specs must be unique and at most {MaxSpecs}.");
        }

        var revision = await catalog.UpdateMetadataAsync(node.Id, metadata, specs, dropRevision, ct);
        var parent = await catalog.FindAsync(node.Path.Parent, ct);
        var updated = node with { Metadata = metadata, Specs = specs };
        await events.ChildMetadataUpdatedAsync(parent?.Id ?? Node.RootId, updated, revision, ct);
        return new MetadataResult(node.Path.Key, metadata);
    }
}
