using System.Net.WebSockets;
using Tiled.Application.Streaming.Live;

namespace Tiled.Api.Streaming;

/// <summary>Closing a subscription socket cleanly, within a deadline, or else aborting it.</summary>
internal static class SocketCloser
{
    /// <summary>
    /// Sends a close frame (unless the socket is past that) and waits for the client's answer:
    /// first <paramref name="pendingReceive"/> (the receive already in progress, if any), then any
    /// further frames until the close arrives. Aborts the connection when
    /// <paramref name="timeout"/> runs out or the socket fails. Never throws for socket failures.
    /// </summary>
    public static async Task CloseAsync(WebSocket socket, int code, string reason, Task? pendingReceive, TimeSpan timeout, TimeProvider clock)
    {
        using var deadline = new CancellationTokenSource(timeout, clock);
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync((WebSocketCloseStatus)code, StreamCloseCodes.Truncate(reason), deadline.Token);
            }

            if (pendingReceive is not null)
            {
                await pendingReceive.WaitAsync(deadline.Token);
            }

            var buffer = new byte[1024];
            while (socket.State == WebSocketState.CloseSent)
            {
                await socket.ReceiveAsync(buffer.AsMemory(), deadline.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or TimeoutException)
        {
            socket.Abort();
        }
    }
}
