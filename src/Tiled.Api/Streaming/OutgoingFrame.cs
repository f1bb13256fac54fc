using System.Net.WebSockets;

namespace Tiled.Api.Streaming;

/// <summary>
/// One encoded message waiting to be written. <see cref="ResumeAfter"/> is the sequence number a
/// subscriber that received this frame has accounted for (an entry's own number, the end of a gap,
/// 0 after a reset); null for the schema.
/// </summary>
internal readonly record struct OutgoingFrame(ReadOnlyMemory<byte> Data, WebSocketMessageType MessageType, long? ResumeAfter)
{
    public int Length => Data.Length;
}
