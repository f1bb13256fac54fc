using System.Text.Json.Nodes;

namespace Tiled.Client.Streaming;

/// <summary>The subscribed node's own metadata changed (the full resulting metadata); sent by this server, not by Tiled.</summary>
public sealed record MetadataUpdated(long Sequence, DateTimeOffset Timestamp, string Key, JsonObject Metadata)
    : StreamUpdate(Sequence, Timestamp);
