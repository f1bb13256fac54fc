using System.Text.Json;
using Tiled.Application.Streaming.Subscriptions;
using Tiled.Formats.Streaming;

namespace Tiled.Application.Streaming.Live;

/// <summary>
/// This server's additions to Tiled's stream messages that carry a sequence number
/// (<c>metadata-updated</c>, <c>container-child-deleted</c>). A <c>/stream/single</c> subscriber
/// gets them, and the <c>closing</c> message, only when it asks (<c>extensions=true</c>), so that
/// Tiled's clients see exactly Tiled's messages; <c>/stream/multi</c> always sends them.
/// </summary>
public static class StreamExtensions
{
    /// <summary>Whether <paramref name="item"/> is an update only subscribers that asked for extensions get.</summary>
    public static bool IsExtension(SubscriptionItem item) =>
        item is SubscriptionEntry { Entry: var entry } && entry.Payload.IsEmpty && TypeOf(entry.MetadataJson.Span) is
            StreamMessageTypes.MetadataUpdated or StreamMessageTypes.ContainerChildDeleted;

    /// <summary>The top-level <c>type</c> of a stored message (null when it has none or is not JSON).</summary>
    private static string? TypeOf(ReadOnlySpan<byte> json)
    {
        if (json.IndexOf("-deleted\""u8) < 0 && json.IndexOf("\"metadata-updated\""u8) < 0)
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

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isType = reader.ValueTextEquals("type"u8);
                reader.Read();
                if (isType)
                {
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                reader.Skip();
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
