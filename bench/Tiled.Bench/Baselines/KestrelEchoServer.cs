using System.Globalization;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tiled.Bench.Wire;

namespace Tiled.Bench.Baselines;

/// <summary>
/// A bare Kestrel WebSocket server inside the bench process, for the transport baseline:
/// <c>/echo</c> sends every message back; <c>/push/BYTES</c> sends stamped frames of BYTES as fast
/// as the client takes them until the client closes. No Tiled code is involved.
/// </summary>
internal sealed class KestrelEchoServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KestrelEchoServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    /// <summary>ws://127.0.0.1:PORT/</summary>
    public Uri BaseUri { get; }

    public static async Task<KestrelEchoServer> StartAsync(CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.UseWebSockets();
        app.Map("/echo", EchoAsync);
        app.Map("/push/{bytes:int}", PushAsync);
        await app.StartAsync(ct);
        var http = new Uri(app.Urls.First());
        return new KestrelEchoServer(app, new Uri($"ws://{http.Authority}/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private static async Task EchoAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                if (length == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                result = await socket.ReceiveAsync(buffer.AsMemory(length), context.RequestAborted);
                length += result.Count;
            }
            while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                return;
            }

            await socket.SendAsync(buffer.AsMemory(0, length), result.MessageType, true, context.RequestAborted);
        }
    }

    private static async Task PushAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest
            || !int.TryParse(context.Request.RouteValues["bytes"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var closed = Task.Run(async () =>
        {
            var buffer = new byte[1024];
            while ((await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None)).MessageType != WebSocketMessageType.Close)
            {
            }

            await stop.CancelAsync();
        });
        var frame = Payloads.Create(bytes);
        long index = 0;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                Payloads.Stamp(frame, index++);
                await socket.SendAsync(frame, WebSocketMessageType.Binary, true, stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The client closed or left.
        }

        if (socket.State == WebSocketState.CloseReceived)
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
        }

        await Task.WhenAny(closed, Task.Delay(TimeSpan.FromSeconds(2)));
    }
}
