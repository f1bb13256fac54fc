using System.Text.Json.Nodes;
using Tiled.Application.Abstractions;
using Tiled.Application.Common.Errors;
using Tiled.Application.Nodes;
using Tiled.Application.Streaming;
using Tiled.Domain.Nodes;

namespace Tiled.Application.Metadata;

/// <summary>
/// Stores new metadata and specs (keeping a revision) and tells the parent's subscribers, holding
/// the node's write lock from reading the current values to publishing, so concurrent patches
/// (from any process) each apply to the result of the one before.
/// </summary>
internal sealed class MetadataWriter(INodeCatalog catalog, INodeWriteLock locks, NodeEventPublisher events)
{
    public const int MaxSpecs = 20;

    /// <summary>Applies <paramref name="change"/> to the node's current metadata and specs.</summary>
    public async Task<MetadataResult> UpdateAsync(NodePath path, Func<Node, (JsonObject Metadata, IReadOnlyList<Spec> Specs)> change,
        bool dropRevision, CancellationToken ct)
    {
        await using (await locks.AcquireAsync(path, ct))
        {
            var current = await catalog.RequireAsync(path, ct);
            events.RequireAvailable();
            var (metadata, specs) = change(current);
            return await WriteAsync(current, metadata, specs, dropRevision, ct);
        }
    }

    private async Task<MetadataResult> WriteAsync(Node node, JsonObject metadata, IReadOnlyList<Spec> specs, bool dropRevision,
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
