using System.Text.Json.Nodes;

namespace Tiled.Client.Streaming;

/// <summary>A child of the subscribed container got new metadata (the full resulting metadata).</summary>
public sealed record ChildMetadataUpdated(long Sequence, DateTimeOffset Timestamp, string Key, JsonObject Metadata)
    : StreamUpdate(Sequence, Timestamp);
