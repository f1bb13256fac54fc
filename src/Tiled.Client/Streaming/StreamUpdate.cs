namespace Tiled.Client.Streaming;

/// <summary>Something a subscription received: its sequence number (per node, from 1) and server timestamp.</summary>
public abstract record StreamUpdate(long Sequence, DateTimeOffset Timestamp);
