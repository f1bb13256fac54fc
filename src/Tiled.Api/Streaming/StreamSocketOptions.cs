namespace Tiled.Api.Streaming;

/// <summary>
/// Limits of the subscription WebSocket. Register a singleton to change them; without one the
/// defaults apply.
/// </summary>
public sealed record StreamSocketOptions
{
    /// <summary>The defaults: 64 MiB send budget, 10 s for the auth message, 5 s for a close handshake.</summary>
    public static StreamSocketOptions Default { get; } = new();

    /// <summary>
    /// Most encoded bytes queued for one subscriber. Live messages that would exceed it close the
    /// socket with 1013; replayed history is paced to half of it instead.
    /// </summary>
    public long MaxQueuedBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>
    /// Whether a client that offers permessage-deflate gets it. Compression pays for JSON and small
    /// msgpack messages; see <see cref="CompressBinaryUpToBytes"/>.
    /// </summary>
    public bool Compression { get; init; } = true;

    /// <summary>
    /// Binary messages larger than this are sent uncompressed even on a compressed connection:
    /// array payloads rarely shrink enough to pay for the CPU. Text (JSON) messages are always compressed.
    /// </summary>
    public int CompressBinaryUpToBytes { get; init; } = 64 * 1024;

    /// <summary>Most subscriptions active at once on one <c>/stream/multi</c> socket.</summary>
    public int MaxSubscriptionsPerSocket { get; init; } = 1000;

    /// <summary>How long a connection without credentials may take to send its auth message (then 4001).</summary>
    public TimeSpan AuthTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long closing may take (last send, close handshake) before the connection is aborted.</summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
