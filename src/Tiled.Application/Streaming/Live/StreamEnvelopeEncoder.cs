using System.Text.Json;
using System.Text.Json.Nodes;
using Tiled.Application.Abstractions;
using Tiled.Application.Streaming.Subscriptions;
using Tiled.Formats.DataTypes;
using Tiled.Formats.Streaming;

namespace Tiled.Application.Streaming.Live;

/// <summary>
/// Turns what a subscription session yields into WebSocket frames of one envelope format. An
/// update carries the stored message's keys, its <c>sequence</c> and, when it has one, its
/// <c>payload</c>; stored keys named <c>sequence</c> or <c>payload</c> are never repeated.
/// </summary>
public abstract class StreamEnvelopeEncoder
{
    public static StreamEnvelopeEncoder Create(EnvelopeFormat format, DataType? dataType, ArrayRefLinks? links = null) => format switch
    {
        EnvelopeFormat.Msgpack => new MsgpackEnvelopeEncoder { Links = links, Key = new FrameKey(format, null, links?.BaseUrl) },
        _ => new JsonEnvelopeEncoder(dataType) { Links = links, Key = new FrameKey(format, dataType, links?.BaseUrl) },
    };

    /// <summary>Adds the region link to array-ref updates (null: entries are sent as stored).</summary>
    public ArrayRefLinks? Links { get; private init; }

    /// <summary>Encoders with equal keys produce the same bytes for the same item (except notice timestamps).</summary>
    public FrameKey Key { get; private init; }

    /// <summary>
    /// Encodes one session item; <paramref name="now"/> stamps our gap and reset notices. Throws
    /// <see cref="JsonException"/> when a stored entry is not a JSON object.
    /// </summary>
    public OutgoingFrame Encode(SubscriptionItem item, DateTimeOffset now) => item switch
    {
        SubscriptionEntry update => EncodeEntry(Links?.Augment(update.Entry) ?? update.Entry),
        SubscriptionGap gap => EncodeMessage(StreamMessages.Gap(gap, now)) with { ResumeAfter = gap.To },
        SubscriptionReset reset => EncodeMessage(StreamMessages.Reset(reset, now)) with { ResumeAfter = 0 },
        _ => throw new ArgumentException($"Unknown subscription item {item.GetType().Name}.", nameof(item)),
    };

    /// <summary>Encodes a message of our own (schema, notices) as it is.</summary>
    public abstract OutgoingFrame EncodeMessage(JsonObject message);

    /// <summary>Encodes a stored entry as an update message.</summary>
    public abstract OutgoingFrame EncodeEntry(StreamEntry entry);

    protected static JsonElement ReadObject(JsonDocument document) =>
        document.RootElement.ValueKind == JsonValueKind.Object
            ? document.RootElement
            : throw new JsonException("A stored stream message is not a JSON object.");

    /// <summary>Keys the envelope writes itself.</summary>
    protected static bool IsReserved(JsonProperty property) =>
        property.NameEquals("sequence") || property.NameEquals("payload");

    /// <summary>
    /// Whether the update carries <c>payload</c>: when it has bytes, and always for data messages,
    /// whose parsers require the key even for an empty array.
    /// </summary>
    protected static bool HasPayload(JsonElement message, StreamEntry entry) =>
        !entry.Payload.IsEmpty || StringProperty(message, "type") is StreamMessageTypes.ArrayData or StreamMessageTypes.TableData;

    protected static string? StringProperty(JsonElement message, string name) =>
        message.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
