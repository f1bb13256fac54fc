using System.Text.Json;
using Tiled.Application.Abstractions;

namespace Tiled.Application.Streaming.Subscriptions;

/// <summary>Recognizes the marker written by a close: <c>{"timestamp": ..., "end_of_stream": true}</c> without payload.</summary>
internal static class EndOfStreamMarker
{
    public static bool Is(StreamEntry entry)
    {
        var json = entry.MetadataJson.Span;
        if (!entry.Payload.IsEmpty || json.IndexOf("\"end_of_stream\""u8) < 0)
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isMarkerKey = reader.ValueTextEquals("end_of_stream"u8);
                reader.Read();
                if (isMarkerKey)
                {
                    return reader.TokenType == JsonTokenType.True;
                }

                reader.Skip();
            }

            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
