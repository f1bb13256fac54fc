using System.Text.Json.Nodes;
using Tiled.Application.Abstractions;
using Tiled.Application.Common.Errors;
using Tiled.Application.Common.Limits;
using Tiled.Application.Nodes;
using Tiled.Application.Streaming;
using Tiled.Domain.Nodes;

namespace Tiled.Application.Metadata;

/// <summary>
/// Stores new metadata and specs (keeping a revision) and tells the parent's subscribers
/// (<c>container-child-metadata-updated</c>) and the node's own (<c>metadata-updated</c>), holding
/// the node's write lock from reading the current values to publishing, so concurrent patches
/// (from any process) each apply to the result of the one before.
/// </summary>
internal sealed class MetadataWriter(INodeCatalog catalog, INodeWriteLock locks, NodeEventPublisher events, InputLimitChecks limits)
{
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

        limits.RequireMetadata(metadata);
        limits.RequireSpecs(specs);

        // The parent is looked up before the change, so that once stored the change is announced without another catalog call;
        // from the update on the request's cancellation is not followed (a committed change must be announced).
        var parent = await catalog.FindAsync(node.Path.Parent, ct);
        var revision = await catalog.UpdateMetadataAsync(node.Id, metadata, specs, dropRevision, CancellationToken.None);
        var updated = node with { Metadata = metadata, Specs = specs };
        await events.ChildMetadataUpdatedAsync(parent?.Id ?? Node.RootId, updated, revision, CancellationToken.None);
        await events.MetadataUpdatedAsync(updated, revision, CancellationToken.None);
        return new MetadataResult(node.Path.Key, metadata);
    }
}
