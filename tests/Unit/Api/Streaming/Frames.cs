using System.Text.Json.Nodes;
using System.Text;
using FluentAssertions;
using MessagePack;
using Tiled.Api.Streaming;
using Tiled.Application.Streaming.Live;
using Tiled.Formats.MessagePack;

namespace Tiled.UnitTests.Api.Streaming;

/// <summary>Decoding what the encoders produce, the way clients do.</summary>
internal static class Frames
{
    /// <summary>The msgpack map of a binary frame, after checking that no key appears twice.</summary>
    public static Dictionary<string, object?> Map(OutgoingFrame frame)
    {
        frame.MessageType.Should().Be(System.Net.WebSockets.WebSocketMessageType.Binary);
        Keys(frame.Data.ToArray()).Should().OnlyHaveUniqueItems();
        return MessagePackValue.Decode(frame.Data).Should().BeOfType<Dictionary<string, object?>>().Subject;
    }

    /// <summary>The map's keys in wire order (duplicates kept).</summary>
    public static List<string> Keys(byte[] data)
    {
        var reader = new MessagePackReader(data);
        var count = reader.ReadMapHeader();
        var keys = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            keys.Add(reader.ReadString() ?? throw new InvalidDataException("A nil map key."));
            reader.Skip();
        }

        return keys;
    }

    /// <summary>The JSON object of a text frame.</summary>
    public static JsonObject Json(OutgoingFrame frame)
    {
        frame.MessageType.Should().Be(System.Net.WebSockets.WebSocketMessageType.Text);
        return JsonNode.Parse(Encoding.UTF8.GetString(frame.Data.Span)).Should().BeOfType<JsonObject>().Subject;
    }

    /// <summary>The text of a text frame, as sent.</summary>
    public static string Text(OutgoingFrame frame)
    {
        Json(frame);
        return Encoding.UTF8.GetString(frame.Data.Span);
    }
}
