using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using MessagePack;
using Tiled.Application.Abstractions;
using Tiled.Formats.MessagePack;

namespace Tiled.Application.Streaming.Live;

/// <summary>
/// The msgpack envelope: one binary frame per message, a map with string keys, the payload as bin.
/// An update is one array of exactly its size, with the payload copied into it once; a large payload
/// is not copied but follows the head as the frame's <see cref="OutgoingFrame.Tail"/>.
/// </summary>
public sealed class MsgpackEnvelopeEncoder : StreamEnvelopeEncoder
{
    /// <summary>From this size a payload's copy costs more than sending the message in two WebSocket frames.</summary>
    internal const int MinTailBytes = 64 * 1024;

    public override OutgoingFrame EncodeMessage(JsonObject message)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        var writer = new MessagePackWriter(buffer);
        writer.WriteJson(message);
        writer.Flush();
        return new OutgoingFrame(buffer.WrittenMemory, WebSocketMessageType.Binary, null);
    }

    public override OutgoingFrame EncodeEntry(StreamEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var document = JsonDocument.Parse(entry.MetadataJson);
        var message = ReadObject(document);
        var hasPayload = HasPayload(message, entry);
        var count = hasPayload ? 2 : 1;
        foreach (var property in message.EnumerateObject())
        {
            count += IsReserved(property) ? 0 : 1;
        }

        // The keys go through scratch space; the payload is copied once, straight into the frame.
        var head = FrameScratch.Rent();
        try
        {
            var writer = new MessagePackWriter(head);
            writer.WriteMapHeader(count);
            var sequenceWritten = false;
            foreach (var property in message.EnumerateObject())
            {
                if (IsReserved(property))
                {
                    continue;
                }

                writer.Write(property.Name);
                writer.WriteJson(property.Value);
                if (!sequenceWritten && property.NameEquals("type"))
                {
                    WriteSequence(ref writer, entry.Sequence);
                    sequenceWritten = true;
                }
            }

            if (!sequenceWritten)
            {
                WriteSequence(ref writer, entry.Sequence);
            }

            var payloadLength = hasPayload ? entry.Payload.Length : 0;
            if (hasPayload)
            {
                writer.Write("payload");
                writer.WriteBinHeaderOnly(payloadLength);
            }

            writer.Flush();

            if (payloadLength >= MinTailBytes)
            {
                return new OutgoingFrame(head.WrittenSpan.ToArray(), WebSocketMessageType.Binary, entry.Sequence) { Tail = entry.Payload };
            }

            var frame = new byte[head.WrittenCount + payloadLength];
            head.WrittenSpan.CopyTo(frame);
            entry.Payload.Span[..payloadLength].CopyTo(frame.AsSpan(head.WrittenCount));
            return new OutgoingFrame(frame, WebSocketMessageType.Binary, entry.Sequence);
        }
        finally
        {
            FrameScratch.Return(head);
        }
    }

    private static void WriteSequence(ref MessagePackWriter writer, long sequence)
    {
        writer.Write("sequence");
        writer.Write(sequence);
    }
}
