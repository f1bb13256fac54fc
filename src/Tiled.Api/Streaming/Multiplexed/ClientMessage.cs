using System.Net.WebSockets;
using System.Text.Json;
using Tiled.Formats.MessagePack;

namespace Tiled.Api.Streaming.Multiplexed;

/// <summary>
/// One message a client sends on <c>/stream/multi</c> (protocol additions §2.3-2.4): a text frame
/// is JSON, a binary frame msgpack, whatever the envelope. Only the top-level scalar fields the
/// protocol names are read; others are ignored.
/// </summary>
internal sealed record ClientMessage(string Type, string? Id, string? Path, SubscribeStart Start, string? Payload, bool Inline = false)
{
    /// <summary>Decodes a whole frame; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static ClientMessage Parse(WebSocketMessageType frameType, ReadOnlyMemory<byte> frame)
    {
        var fields = frameType == WebSocketMessageType.Binary ? FromMsgpack(frame) : FromJson(frame.Span);
        if (!fields.TryGetValue("type", out var type) || type is not string typeName)
        {
            throw new FormatException("The message has no string 'type'.");
        }

        return new ClientMessage(typeName, OptionalString(fields, "id"), OptionalString(fields, "path"), StartOf(fields),
            OptionalString(fields, "payload"), OptionalBool(fields, "inline"));
    }

    private static Dictionary<string, object?> FromJson(ReadOnlySpan<byte> frame)
    {
        try
        {
            var reader = new Utf8JsonReader(frame);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("Could not decode JSON message: not an object.");
            }

            var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                fields[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Number => property.Value.TryGetInt64(out var whole) ? (object)whole : property.Value.GetDouble(),
                    JsonValueKind.Null => null,
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => property.Value.ValueKind,
                };
            }

            return fields;
        }
        catch (JsonException)
        {
            throw new FormatException("Could not decode JSON message.");
        }
    }

    private static Dictionary<string, object?> FromMsgpack(ReadOnlyMemory<byte> frame)
    {
        object? decoded;
        try
        {
            decoded = MessagePackValue.Decode(frame);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Whatever the decoder reports (truncated, malformed, too deep), the frame is not a message.
            throw new FormatException("Could not decode msgpack message.");
        }

        return decoded as Dictionary<string, object?> ?? throw new FormatException("Could not decode msgpack message: not a map.");
    }

    private static string? OptionalString(Dictionary<string, object?> fields, string name) =>
        fields.TryGetValue(name, out var value) switch
        {
            false => null,
            true when value is null or string => (string?)value,
            _ => throw new FormatException($"'{name}' must be a string."),
        };

    private static bool OptionalBool(Dictionary<string, object?> fields, string name) =>
        fields.TryGetValue(name, out var value) switch
        {
            false => false,
            true when value is null => false,
            true when value is bool flag => flag,
            _ => throw new FormatException($"'{name}' must be true or false."),
        };

    /// <summary>Absent: 0 (replay what is retained, as Tiled's PR does); null: live only; else a non-negative integer.</summary>
    private static SubscribeStart StartOf(Dictionary<string, object?> fields)
    {
        if (!fields.TryGetValue("start", out var value))
        {
            return SubscribeStart.From(0);
        }

        return value switch
        {
            null => SubscribeStart.LiveOnly,
            long n and >= 0 => SubscribeStart.From(n),
            ulong n when n <= long.MaxValue => SubscribeStart.From((long)n),
            _ => SubscribeStart.Invalid,
        };
    }
}

/// <summary>Where a subscription starts: <see cref="Sequence"/> null is live only.</summary>
internal readonly record struct SubscribeStart(long? Sequence, bool IsValid)
{
    public static SubscribeStart LiveOnly => new(null, true);

    public static SubscribeStart Invalid => new(null, false);

    public static SubscribeStart From(long sequence) => new(sequence, true);
}
