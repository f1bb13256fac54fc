using System.Net.WebSockets;

namespace Tiled.Client.Streaming;

/// <summary>Making, reading whole messages from, and closing, the client's stream sockets.</summary>
internal static class SocketMessages
{
    /// <summary>A socket that offers permessage-deflate, as Tiled's Python client does; the server decides what to compress.</summary>
    public static ClientWebSocket NewSocket()
    {
        var socket = new ClientWebSocket();
        socket.Options.DangerousDeflateOptions = new WebSocketDeflateOptions();
        return socket;
    }

    /// <summary>The next whole message; null when the server closed.</summary>
    public static async Task<byte[]?> ReceiveAsync(ClientWebSocket socket, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        while (true)
        {
            var result = await socket.ReceiveAsync(chunk, ct);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            buffer.Write(chunk, 0, result.Count);
            if (result.EndOfMessage)
            {
                return buffer.ToArray();
            }
        }
    }

    public static async Task CloseQuietlyAsync(ClientWebSocket socket)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "Client disconnected", timeout.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // The socket is going away either way.
        }
    }
}
