using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Tiled.Formats.MessagePack;
using Tiled.IntegrationTests.Infrastructure;

namespace Tiled.IntegrationTests.Tables;

/// <summary>A plain WebSocket subscriber of one node's stream, reading whole messages with a deadline.</summary>
internal sealed class TableSocket : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private readonly ClientWebSocket _socket = new();

    private TableSocket()
    {
    }

    public static async Task<TableSocket> ConnectAsync(TiledServerFixture server, string key, string envelope, long? start)
    {
        var socket = new TableSocket();
        socket._socket.Options.SetRequestHeader("Authorization", $"Apikey {TiledServerFixture.ApiKey}");
        var query = $"?envelope_format={envelope}" + (start is { } s ? $"&start={s}" : "");
        var uri = new Uri("ws" + server.BaseUrl[4..] + "/api/v1/stream/single//" + key + query);
        await socket._socket.ConnectAsync(uri, CancellationToken.None).WaitAsync(Deadline);
        return socket;
    }

    /// <summary>The next msgpack message as a string-keyed map (payloads stay byte arrays).</summary>
    public async Task<Dictionary<string, object?>> ReceiveMsgpackAsync()
    {
        var (type, data) = await ReceiveAsync();
        return type == WebSocketMessageType.Binary && MessagePackValue.Decode(data) is Dictionary<string, object?> map
            ? map
            : throw new InvalidOperationException($"Expected a binary msgpack map, got a {type} frame.");
    }

    /// <summary>The next JSON text message.</summary>
    public async Task<JsonObject> ReceiveJsonAsync()
    {
        var (type, data) = await ReceiveAsync();
        return type == WebSocketMessageType.Text && JsonNode.Parse(Encoding.UTF8.GetString(data)) is JsonObject message
            ? message
            : throw new InvalidOperationException($"Expected a JSON text frame, got a {type} frame.");
    }

    public void Dispose()
    {
        _socket.Abort();
        _socket.Dispose();
    }

    private async Task<(WebSocketMessageType Type, byte[] Data)> ReceiveAsync()
    {
        using var message = new MemoryStream();
        var chunk = new byte[16 * 1024];
        while (true)
        {
            var result = await _socket.ReceiveAsync(chunk.AsMemory(), CancellationToken.None).AsTask().WaitAsync(Deadline);
            message.Write(chunk, 0, result.Count);
            if (result.EndOfMessage || result.MessageType == WebSocketMessageType.Close)
            {
                return (result.MessageType, message.ToArray());
            }
        }
    }
}
