using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Tiled.Formats.MessagePack;
using Tiled.IntegrationTests.Infrastructure;

namespace Tiled.IntegrationTests.Streaming;

/// <summary>Connecting to the subscription endpoint as a plain WebSocket client, and reading whole messages.</summary>
public static class WebSocketClient
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    /// <summary>Opens <c>/api/v1/stream/single/{pathAndQuery}</c>, with <c>Authorization: Apikey</c> when a key is given.</summary>
    public static Task<ClientWebSocket> ConnectAsync(TiledServerFixture server, string pathAndQuery, string? apiKey = TiledServerFixture.ApiKey) =>
        ConnectAsync(server.BaseUrl, pathAndQuery, apiKey);

    /// <summary>As the fixture overload, for a server at <paramref name="baseUrl"/> (e.g. <c>http://127.0.0.1:41234</c>).</summary>
    public static async Task<ClientWebSocket> ConnectAsync(string baseUrl, string pathAndQuery, string? apiKey = TiledServerFixture.ApiKey)
    {
        var socket = new ClientWebSocket();
        if (apiKey is not null)
        {
            socket.Options.SetRequestHeader("Authorization", $"Apikey {apiKey}");
        }

        var uri = new Uri(string.Concat("ws", baseUrl.AsSpan(4), "/api/v1/stream/single/", pathAndQuery));
        await socket.ConnectAsync(uri, CancellationToken.None).WaitAsync(Deadline);
        return socket;
    }

    /// <summary>Opens <c>/api/v1/stream/multi{query}</c>, with <c>Authorization: Apikey</c> when a key is given.</summary>
    public static async Task<ClientWebSocket> ConnectMultiAsync(string baseUrl, string query = "", string? apiKey = TiledServerFixture.ApiKey)
    {
        var socket = new ClientWebSocket();
        if (apiKey is not null)
        {
            socket.Options.SetRequestHeader("Authorization", $"Apikey {apiKey}");
        }

        await socket.ConnectAsync(new Uri(string.Concat("ws", baseUrl.AsSpan(4), "/api/v1/stream/multi", query)), CancellationToken.None).WaitAsync(Deadline);
        return socket;
    }

    /// <summary>
    /// Sends an upgrade request through <see cref="HttpClient"/>, so that a refusal's status, headers
    /// and body can be read.
    /// </summary>
    public static Task<HttpResponseMessage> RequestUpgradeAsync(HttpClient http, string pathAndQuery, string? authorization = null) =>
        http.SendAsync(UpgradeRequest("/api/v1/stream/single/" + pathAndQuery, authorization)).WaitAsync(Deadline);

    /// <summary>A WebSocket upgrade request for <paramref name="url"/> (absolute, or relative to the client's base address).</summary>
    public static HttpRequestMessage UpgradeRequest(string url, string? authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Connection.Add("Upgrade");
        request.Headers.Upgrade.Add(new ProductHeaderValue("websocket"));
        request.Headers.Add("Sec-WebSocket-Version", "13");
        request.Headers.Add("Sec-WebSocket-Key", Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)));
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return request;
    }

    /// <summary>The next whole message; <see cref="WebSocketMessageType.Close"/> (answered) when the server closed.</summary>
    public static async Task<(WebSocketMessageType Type, byte[] Data)> ReceiveAsync(WebSocket socket)
    {
        using var message = new MemoryStream();
        var chunk = new byte[16 * 1024];
        while (true)
        {
            var result = await socket.ReceiveAsync(chunk.AsMemory(), CancellationToken.None).AsTask().WaitAsync(Deadline);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                if (socket.State == WebSocketState.CloseReceived)
                {
                    await socket.CloseOutputAsync(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, socket.CloseStatusDescription,
                        CancellationToken.None).WaitAsync(Deadline);
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

    /// <summary>The next message, which must be a JSON text frame.</summary>
    public static async Task<JsonObject> ReceiveJsonAsync(WebSocket socket)
    {
        var (type, data) = await ReceiveAsync(socket);
        return type == WebSocketMessageType.Text && JsonNode.Parse(Encoding.UTF8.GetString(data)) is JsonObject message
            ? message
            : throw new InvalidOperationException($"Expected a JSON text frame, got a {type} frame.");
    }

    /// <summary>The next message, which must be a msgpack binary frame holding a map.</summary>
    public static async Task<Dictionary<string, object?>> ReceiveMapAsync(WebSocket socket)
    {
        var (type, data) = await ReceiveAsync(socket);
        return type == WebSocketMessageType.Binary && MessagePackValue.Decode(data) is Dictionary<string, object?> map
            ? map
            : throw new InvalidOperationException($"Expected a msgpack binary frame, got a {type} frame.");
    }

    /// <summary>Reads until the server's close frame and returns its code and reason.</summary>
    public static async Task<(int? Code, string? Reason)> ReadUntilCloseAsync(WebSocket socket)
    {
        while ((await ReceiveAsync(socket)).Type != WebSocketMessageType.Close)
        {
        }

        return ((int?)socket.CloseStatus, socket.CloseStatusDescription);
    }

    public static Task SendTextAsync(WebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).WaitAsync(Deadline);
}
