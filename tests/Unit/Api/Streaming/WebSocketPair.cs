using System.IO.Pipelines;
using System.Net.WebSockets;

namespace Tiled.UnitTests.Api.Streaming;

/// <summary>
/// A server and a client WebSocket joined in memory. The server's sends wait once
/// <c>clientWindowBytes</c> are unread by the client, like a full TCP window.
/// </summary>
internal sealed class WebSocketPair : IDisposable
{
    public WebSocketPair(long clientWindowBytes = 1 << 20)
    {
        var toClient = new Pipe(new PipeOptions(pauseWriterThreshold: clientWindowBytes, resumeWriterThreshold: clientWindowBytes / 2,
            useSynchronizationContext: false));
        var toServer = new Pipe(new PipeOptions(useSynchronizationContext: false));
        Server = WebSocket.CreateFromStream(new DuplexPipeStream(toServer.Reader, toClient.Writer), isServer: true, subProtocol: null,
            keepAliveInterval: TimeSpan.Zero);
        Client = WebSocket.CreateFromStream(new DuplexPipeStream(toClient.Reader, toServer.Writer), isServer: false, subProtocol: null,
            keepAliveInterval: TimeSpan.Zero);
    }

    public WebSocket Server { get; }

    public WebSocket Client { get; }

    public void Dispose()
    {
        Server.Dispose();
        Client.Dispose();
    }
}
