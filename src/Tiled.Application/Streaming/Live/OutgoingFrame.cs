using System.Net.WebSockets;

namespace Tiled.Application.Streaming.Live;

/// <summary>
/// One encoded message waiting to be written. <see cref="ResumeAfter"/> is the sequence number a
/// subscriber that received this frame has accounted for (an entry's own number, the end of a gap,
/// 0 after a reset); null for the schema.
/// </summary>
public readonly record struct OutgoingFrame(ReadOnlyMemory<byte> Data, WebSocketMessageType MessageType, long? ResumeAfter)
{
    /// <summary>
    /// Bytes that follow <see cref="Data"/> in the same message (a large payload, sent where it lies
    /// instead of being copied after the head); empty for most messages.
    /// </summary>
    public ReadOnlyMemory<byte> Tail { get; init; }

    /// <summary>
    /// The resume point the writer reports this frame to once it is on the wire, when the socket
    /// carries several subscriptions (null: the socket's only subscription).
    /// </summary>
    public ResumePoint? Resume { get; init; }

    public int Length => Data.Length + Tail.Length;
}
