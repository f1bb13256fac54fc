using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.Formats.MessagePack;

namespace Tiled.UnitTests.Api.Streaming;

/// <summary>The client side of a <see cref="WebSocketPair"/>: reads whole messages with a deadline and answers a close.</summary>
internal static class TestClient
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    /// <summary>The next whole message; <see cref="WebSocketMessageType.Close"/> (after answering it) when the server closed.</summary>
    public static async Task<(WebSocketMessageType Type, byte[] Data)> ReceiveAsync(WebSocket client)
    {
        using var message = new MemoryStream();
        var chunk = new byte[16 * 1024];
        while (true)
        {
            var result = await client.ReceiveAsync(chunk.AsMemory(), CancellationToken.None).AsTask().WaitAsync(Deadline);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                if (client.State == WebSocketState.CloseReceived)
                {
                    await client.CloseOutputAsync(client.CloseStatus ?? WebSocketCloseStatus.NormalClosure, client.CloseStatusDescription,
                        CancellationToken.None);
                }

                return (WebSocketMessageType.Close, []);
            }

            message.Write(chunk, 0, result.Count);
            if (result.EndOfMessage)
            {
                return (result.MessageType, message.ToArray());
            }
        }
    }

    /// <summary>Every msgpack message until the server closes.</summary>
    public static async Task<List<Dictionary<string, object?>>> ReadMapsUntilCloseAsync(WebSocket client)
    {
        var maps = new List<Dictionary<string, object?>>();
        while (await ReceiveAsync(client) is (WebSocketMessageType.Binary, var data))
        {
            maps.Add(MessagePackValue.Decode(data).Should().BeOfType<Dictionary<string, object?>>().Subject);
        }

        return maps;
    }

    /// <summary>Every JSON message until the server closes.</summary>
    public static async Task<List<JsonObject>> ReadJsonUntilCloseAsync(WebSocket client)
    {
        var messages = new List<JsonObject>();
        while (await ReceiveAsync(client) is (WebSocketMessageType.Text, var data))
        {
            messages.Add(JsonNode.Parse(Encoding.UTF8.GetString(data)).Should().BeOfType<JsonObject>().Subject);
        }

        return messages;
    }
}
