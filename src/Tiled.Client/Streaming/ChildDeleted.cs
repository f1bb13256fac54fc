namespace Tiled.Client.Streaming;

/// <summary>A child of the subscribed container was deleted; sent by this server, not by Tiled.</summary>
public sealed record ChildDeleted(long Sequence, DateTimeOffset Timestamp, string Key) : StreamUpdate(Sequence, Timestamp);
