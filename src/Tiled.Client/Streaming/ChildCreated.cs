using System.Text.Json.Nodes;

namespace Tiled.Client.Streaming;

/// <summary>A child was created in the subscribed container.</summary>
public sealed record ChildCreated(long Sequence, DateTimeOffset Timestamp, string Key, string StructureFamily, JsonObject Metadata,
    ContainerClient Parent) : StreamUpdate(Sequence, Timestamp)
{
    /// <summary>A client for the new child (reads its document from the server).</summary>
    public Task<NodeClient> ChildAsync(CancellationToken ct = default) => Parent.GetAsync(Key, ct);
}
