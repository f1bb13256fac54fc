using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tiled.Application.Abstractions;
using Tiled.Formats.MessagePack;

namespace Tiled.Api.Streaming;

/// <summary>The msgpack envelope: one binary frame per message, a map with string keys, the payload as bin.</summary>
internal sealed class MsgpackEnvelopeEncoder : StreamEnvelopeEncoder
{
    public override OutgoingFrame EncodeMessage(JsonObject message)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        new MessagePackWriter(buffer).WriteJson(message);
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

        var buffer = new ArrayBufferWriter<byte>(entry.MetadataJson.Length + entry.Payload.Length + 64);
        var writer = new MessagePackWriter(buffer);
        writer.WriteMapHeader(count);
        var sequenceWritten = false;
        foreach (var property in message.EnumerateObject())
        {
            if (IsReserved(property))
            {
                continue;
            }

            writer.WriteString(property.Name);
            writer.WriteJson(property.Value);
            if (!sequenceWritten && property.NameEquals("type"))
            {
                WriteSequence(writer, entry.Sequence);
                sequenceWritten = true;
            }
        }

        if (!sequenceWritten)
        {
            WriteSequence(writer, entry.Sequence);
        }

        if (hasPayload)
        {
            writer.WriteString("payload");
            writer.WriteBinary(entry.Payload.Span);
        }

        return new OutgoingFrame(buffer.WrittenMemory, WebSocketMessageType.Binary, entry.Sequence);
    }

    private static void WriteSequence(MessagePackWriter writer, long sequence)
    {
        writer.WriteString("sequence");
        writer.WriteInt64(sequence);
    }
}
