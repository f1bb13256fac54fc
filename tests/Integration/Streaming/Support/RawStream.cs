using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Tiled.Formats.MessagePack;

namespace Tiled.IntegrationTests.Streaming.Support;

/// <summary>One WebSocket message as received: its frame type and bytes.</summary>
public sealed record RawFrame(WebSocketMessageType Type, byte[] Data)
{
    public string Text => Encoding.UTF8.GetString(Data);

    /// <summary>The frame parsed as a JSON object (json envelope).</summary>
    public JsonObject Json() => JsonNode.Parse(Data) as JsonObject ?? throw new InvalidDataException($"Not a JSON object: {Text}");

    /// <summary>The frame decoded as a msgpack map (msgpack envelope).</summary>
    public Dictionary<string, object?> Msgpack() =>
        MessagePackValue.Decode(Data) as Dictionary<string, object?> ?? throw new InvalidDataException("Not a msgpack map.");
}

/// <summary>
/// A bare <see cref="ClientWebSocket"/> on <c>/api/v1/stream/single/{path}</c>, for what the .NET
/// client hides: frame types, close codes, HTTP refusals of the upgrade, first-message auth, and a
/// subscriber that does not read.
/// </summary>
public sealed class RawStream : IDisposable
{
    private RawStream(ClientWebSocket socket) => Socket = socket;

    public ClientWebSocket Socket { get; }

    /// <summary>The close status the server sent, once a receive has seen the close.</summary>
    public WebSocketCloseStatus? CloseStatus => Socket.CloseStatus;

    public string? CloseDescription => Socket.CloseStatusDescription;

    /// <summary>The URI of a node's stream, e.g. <c>ws://127.0.0.1:1234/api/v1/stream/single/x?envelope_format=json</c>.</summary>
    public static Uri UriFor(string baseUrl, string path, string envelope = "json", long? start = null) =>
        new($"{baseUrl.Replace("http://", "ws://", StringComparison.Ordinal)}/api/v1/stream/single/{path}"
            + $"?envelope_format={envelope}{(start is { } s ? $"&start={s}" : "")}");

    /// <summary>Opens the socket, sending <c>Authorization: Apikey</c> when <paramref name="apiKey"/> is given.</summary>
    public static async Task<RawStream> ConnectAsync(Uri uri, string? apiKey)
    {
        var socket = Create(apiKey);
        try
        {
            await socket.ConnectAsync(uri, CancellationToken.None).WaitAsync(Deadline.Default);
            return new RawStream(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The HTTP status of a refused upgrade (the <see cref="WebSocketException"/> it raised is expected).</summary>
    public static async Task<(int Status, WebSocketException Error)> RefusalAsync(Uri uri, string? apiKey)
    {
        using var socket = Create(apiKey);
        socket.Options.CollectHttpResponseDetails = true;
        try
        {
            await socket.ConnectAsync(uri, CancellationToken.None).WaitAsync(Deadline.Default);
        }
        catch (WebSocketException e)
        {
            return ((int)socket.HttpStatusCode, e);
        }

        throw new InvalidOperationException($"The upgrade to {uri} was accepted.");
    }

    public Task SendTextAsync(string text) =>
        Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None)
            .WaitAsync(Deadline.Default);

    /// <summary>The next message, or null when the server closed (see <see cref="CloseStatus"/>).</summary>
    public async Task<RawFrame?> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? Deadline.Default);
        using var buffer = new MemoryStream();
        var chunk = new byte[256 * 1024];
        while (true)
        {
            WebSocketReceiveResult result;
            try
            {
                result = await Socket.ReceiveAsync(chunk, cancel.Token);
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                throw new TimeoutException($"No message within {(timeout ?? Deadline.Default).TotalSeconds:0.#} s.");
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            buffer.Write(chunk, 0, result.Count);
            if (result.EndOfMessage)
            {
                return new RawFrame(result.MessageType, buffer.ToArray());
            }
        }
    }

    /// <summary>The next message, which must exist (the server must not have closed).</summary>
    public async Task<RawFrame> ReceiveMessageAsync(TimeSpan? timeout = null) =>
        await ReceiveAsync(timeout) ?? throw new InvalidOperationException($"The server closed: {CloseStatus} {CloseDescription}");

    /// <summary>Reads (and returns) every message until the server closes.</summary>
    public async Task<List<RawFrame>> ReceiveUntilClosedAsync(TimeSpan? timeout = null)
    {
        var frames = new List<RawFrame>();
        while (await ReceiveAsync(timeout) is { } frame)
        {
            frames.Add(frame);
        }

        return frames;
    }

    public void Dispose() => Socket.Dispose();

    private static ClientWebSocket Create(string? apiKey)
    {
        var socket = new ClientWebSocket();
        if (apiKey is not null)
        {
            socket.Options.SetRequestHeader("Authorization", $"Apikey {apiKey}");
        }

        return socket;
    }
}
