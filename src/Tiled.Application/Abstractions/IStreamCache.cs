namespace Tiled.Application.Abstractions;

/// <summary>
/// The short replayable history of each node's stream, and live notifications of new entries.
/// Per node, sequence numbers start at 1 and grow by exactly 1 while the stream is active. An
/// entry and the counter value that names it become visible together: a reader that sees
/// <see cref="CurrentSequenceAsync"/> = n can load every retained entry up to n, and live
/// notifications arrive in sequence order. Entries are retained for the data TTL; the counter
/// expires after the sequence TTL without appends (data TTL + 1 s after a close), after which
/// numbering restarts at 1.
/// </summary>
public interface IStreamCache
{
    /// <summary>
    /// False while the cache is known to be unreachable (e.g. the Redis connection is down), so a
    /// write can be refused before it stores anything. True does not promise the next append works.
    /// </summary>
    bool IsAvailable => true;

    /// <summary>
    /// Appends one entry: <paramref name="metadataJson"/> is the UTF-8 JSON object of the message
    /// without <c>sequence</c> and <c>payload</c>; <paramref name="payload"/> may be empty, and may be
    /// kept without a copy only when it is <see cref="StreamPayload.Immutable"/>.
    /// Returns the sequence number it was given.
    /// </summary>
    Task<long> AppendAsync(long nodeId, ReadOnlyMemory<byte> metadataJson, StreamPayload payload, CancellationToken ct);

    /// <summary>Appends an end-of-stream marker and shortens the counter's life to data TTL + 1 s.</summary>
    Task<long> CloseAsync(long nodeId, ReadOnlyMemory<byte> markerJson, CancellationToken ct);

    /// <summary>The highest sequence number given on this node's active stream; 0 when there is none.</summary>
    Task<long> CurrentSequenceAsync(long nodeId, CancellationToken ct);

    /// <summary>
    /// The retained entries with sequence numbers in [<paramref name="from"/>, <paramref name="to"/>],
    /// in order; expired or evicted ones are simply absent.
    /// </summary>
    Task<IReadOnlyList<StreamEntry>> GetRangeAsync(long nodeId, long from, long to, CancellationToken ct);

    /// <summary>
    /// Starts receiving the sequence numbers of new entries on this node, in order. Call before
    /// reading <see cref="CurrentSequenceAsync"/> so that nothing falls between replay and live.
    /// </summary>
    Task<ILiveFeed> SubscribeAsync(long nodeId, CancellationToken ct);

    /// <summary>
    /// Forgets the node's stream (the node was deleted): its retained entries and its counter, so
    /// nothing of it can ever be replayed again. Live feeds are not told (deletions are not streamed).
    /// An append that races with the removal may leave an entry behind, which expires with its TTL.
    /// </summary>
    Task RemoveAsync(long nodeId, CancellationToken ct);
}
