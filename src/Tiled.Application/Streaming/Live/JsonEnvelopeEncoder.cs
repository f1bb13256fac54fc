using System.Buffers;
using System.Net.WebSockets;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tiled.Application.Abstractions;
using Tiled.Application.Tables;
using Tiled.Formats.ArrayText;
using Tiled.Formats.Arrow;
using Tiled.Formats.DataTypes;
using Tiled.Formats.Streaming;

namespace Tiled.Application.Streaming.Live;

/// <summary>
/// The JSON envelope: one text frame per message (protocol §9.8). A payload is transcoded:
/// <c>array-data</c> in raw bytes becomes nested lists decoded with the node's element type and the
/// message's <c>shape</c>; <c>table-data</c> in Arrow IPC becomes <c>{column: [values]}</c>; an
/// <c>application/json</c> payload is embedded as is; anything else
/// (and any array payload that does not match its shape) becomes a base64 string. Unless the
/// mimetype is <c>application/json</c>, <c>"content-type": "application/json"</c> is added.
/// </summary>
public sealed class JsonEnvelopeEncoder(DataType? dataType) : StreamEnvelopeEncoder
{
    private const string JsonMediaType = "application/json";
    private const string OctetStream = "application/octet-stream";

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public override OutgoingFrame EncodeMessage(JsonObject message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            message.WriteTo(writer);
        }

        return new OutgoingFrame(buffer.WrittenMemory, WebSocketMessageType.Text, null);
    }

    public override OutgoingFrame EncodeEntry(StreamEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var document = JsonDocument.Parse(entry.MetadataJson);
        var message = ReadObject(document);
        var hasPayload = HasPayload(message, entry);
        var mimetype = MediaType(StringProperty(message, "mimetype"));
        var addContentType = hasPayload && mimetype != JsonMediaType;
        var buffer = FrameScratch.Rent();
        try
        {
            using var writer = new Utf8JsonWriter(buffer, Options);
            writer.WriteStartObject();
            var sequenceWritten = false;
            foreach (var property in message.EnumerateObject())
            {
                if (IsReserved(property) || (addContentType && property.NameEquals("content-type")))
                {
                    continue;
                }

                property.WriteTo(writer);
                if (!sequenceWritten && property.NameEquals("type"))
                {
                    writer.WriteNumber("sequence", entry.Sequence);
                    sequenceWritten = true;
                }
            }

            if (!sequenceWritten)
            {
                writer.WriteNumber("sequence", entry.Sequence);
            }

            if (addContentType)
            {
                writer.WriteString("content-type", JsonMediaType);
            }

            if (hasPayload)
            {
                writer.WritePropertyName("payload");
                WritePayload(writer, message, mimetype, entry.Payload.Span);
            }

            writer.WriteEndObject();
            writer.Flush();
            return new OutgoingFrame(buffer.WrittenSpan.ToArray(), WebSocketMessageType.Text, entry.Sequence);
        }
        finally
        {
            FrameScratch.Return(buffer);
        }
    }

    private void WritePayload(Utf8JsonWriter writer, JsonElement message, string? mimetype, ReadOnlySpan<byte> payload)
    {
        if (TranscodeArray(message, mimetype, payload) is { } lists)
        {
            writer.WriteRawValue(lists, skipInputValidation: true);
        }
        else if (TranscodeTable(message, mimetype, payload) is { } columns)
        {
            writer.WriteRawValue(columns, skipInputValidation: true);
        }
        else if (mimetype == JsonMediaType && IsJson(payload))
        {
            writer.WriteRawValue(payload, skipInputValidation: true);
        }
        else
        {
            writer.WriteBase64StringValue(payload);
        }
    }

    private byte[]? TranscodeArray(JsonElement message, string? mimetype, ReadOnlySpan<byte> payload)
    {
        if (dataType is null || StringProperty(message, "type") != StreamMessageTypes.ArrayData
            || (mimetype is not null && mimetype != OctetStream) || ReadShape(message) is not { } shape)
        {
            return null;
        }

        try
        {
            return ArrayJson.Serialize(payload, dataType, shape);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or OverflowException)
        {
            return null;
        }
    }

    /// <summary>A <c>table-data</c> payload in Arrow IPC (file or stream) as <c>{column: [values]}</c>; null if it does not decode.</summary>
    private static byte[]? TranscodeTable(JsonElement message, string? mimetype, ReadOnlySpan<byte> payload)
    {
        if (StringProperty(message, "type") != StreamMessageTypes.TableData || mimetype is not (TableMediaTypes.ArrowFile or TableMediaTypes.ArrowStream))
        {
            return null;
        }

        try
        {
            var bytes = payload.ToArray();
            var table = mimetype == TableMediaTypes.ArrowStream ? ArrowStreamReader.Read(bytes) : ArrowFileReader.Read(bytes);
            var buffer = new ArrayBufferWriter<byte>(bytes.Length + 64);
            using (var writer = new Utf8JsonWriter(buffer, Options))
            {
                ArrowJson.Write(writer, table.Schema, table.Batches);
            }

            return buffer.WrittenSpan.ToArray();
        }
        catch (Exception e) when (e is ArrowFormatException or ArrowNotSupportedException or ArgumentException)
        {
            return null;
        }
    }

    private static long[]? ReadShape(JsonElement message)
    {
        if (!message.TryGetProperty("shape", out var shape) || shape.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var dimensions = new long[shape.GetArrayLength()];
        var i = 0;
        foreach (var dimension in shape.EnumerateArray())
        {
            if (dimension.ValueKind != JsonValueKind.Number || !dimension.TryGetInt64(out var length) || length < 0)
            {
                return null;
            }

            dimensions[i++] = length;
        }

        return dimensions;
    }

    private static bool IsJson(ReadOnlySpan<byte> payload)
    {
        try
        {
            var reader = new Utf8JsonReader(payload);
            while (reader.Read())
            {
            }

            return reader.BytesConsumed > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? MediaType(string? mimetype) =>
        mimetype?.Split(';')[0].Trim().ToLowerInvariant();
}
