namespace Tiled.Client.Streaming;

/// <summary>
/// The server could not replay sequences <see cref="From"/>..<see cref="To"/> (expired or evicted
/// history, or the node's numbering restarted). Read the data over HTTP if it matters.
/// </summary>
public sealed record HistoryGap(long From, long To, DateTimeOffset Timestamp) : StreamUpdate(To, Timestamp);
