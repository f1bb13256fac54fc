using System.Text.Json;
using Tiled.Application.Abstractions;
using Tiled.Formats.Streaming;

namespace Tiled.Application.Streaming.Subscriptions;

/// <summary>
/// Recognizes the marker written by a close: <c>{"timestamp": ..., "end_of_stream": true}</c>
/// without payload, with <c>"reason": "node-deleted"</c> when the node's deletion ended the stream.
/// </summary>
internal static class EndOfStreamMarker
{
    public static bool Is(StreamEntry entry) => Read(entry) is not null;

    /// <summary>The marker's meaning, or null when the entry is not a marker.</summary>
    public static Marker? Read(StreamEntry entry)
    {
        var json = entry.MetadataJson.Span;
        if (!entry.Payload.IsEmpty || json.IndexOf("\"end_of_stream\""u8) < 0)
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            var (ended, deleted) = (false, false);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isMarkerKey = reader.ValueTextEquals("end_of_stream"u8);
                var isReason = reader.ValueTextEquals("reason"u8);
                reader.Read();
                ended |= isMarkerKey && reader.TokenType == JsonTokenType.True;
                deleted |= isReason && reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(StreamEndReasons.NodeDeleted);
                reader.Skip();
            }

            return ended ? new Marker(deleted) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public readonly record struct Marker(bool NodeDeleted);
}
