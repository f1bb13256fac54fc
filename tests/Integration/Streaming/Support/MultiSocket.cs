using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Tiled.Formats.MessagePack;

namespace Tiled.IntegrationTests.Streaming.Support;

/// <summary>A client of <c>/stream/multi</c> at the wire level: sends JSON or msgpack messages, reads whole ones.</summary>
public sealed class MultiSocket(ClientWebSocket socket) : IDisposable
{
    public ClientWebSocket Socket { get; } = socket;

    public Task SendAsync(string json) => WebSocketClient.SendTextAsync(Socket, json);

    public Task SendMsgpackAsync(object message) =>
        Socket.SendAsync(MessagePackValue.Encode(message), WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None)
            .WaitAsync(WebSocketClient.Deadline);

    /// <summary>The next message of a JSON-envelope socket.</summary>
    public Task<JsonObject> ReceiveAsync() => WebSocketClient.ReceiveJsonAsync(Socket);

    /// <summary>The next message of a msgpack-envelope socket.</summary>
    public Task<Dictionary<string, object?>> ReceiveMapAsync() => WebSocketClient.ReceiveMapAsync(Socket);

    /// <summary>Reads JSON messages until one satisfies <paramref name="last"/>; returns all of them, that one included.</summary>
    public async Task<List<JsonObject>> ReceiveUntilAsync(Func<JsonObject, bool> last)
    {
        var messages = new List<JsonObject>();
        while (true)
        {
            var message = await ReceiveAsync();
            messages.Add(message);
            if (last(message))
            {
                return messages;
            }
        }
    }

    /// <summary>Pings with <paramref name="payload"/> and reads up to the pong: what came before it, in order.</summary>
    public async Task<List<JsonObject>> DrainWithPingAsync(string payload)
    {
        await SendAsync($$"""{"type":"ping","payload":"{{payload}}"}""");
        var messages = await ReceiveUntilAsync(m => Type(m) == "pong" && m["payload"]?.GetValue<string>() == payload);
        return messages[..^1];
    }

    public static string? Type(JsonObject message) => message["type"]?.GetValue<string>();

    public static string Describe(IEnumerable<JsonObject> messages) =>
        string.Join("\n", messages.Select(m => m.ToJsonString()));

    public void Dispose() => Socket.Dispose();
}
