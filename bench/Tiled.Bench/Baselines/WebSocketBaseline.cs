using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.WebSockets;
using Tiled.Bench.Measure;
using Tiled.Bench.Wire;

namespace Tiled.Bench.Baselines;

/// <summary>The client side of the Kestrel baselines: echo round trips and one-way push, with plain <see cref="ClientWebSocket"/>s.</summary>
internal static class WebSocketBaseline
{
    /// <summary><paramref name="clients"/> sockets each send a frame and wait for it to come back, for <paramref name="duration"/>.</summary>
    public static async Task<LoadResult> EchoAsync(Uri server, int clients, int bytes, TimeSpan duration, CancellationToken ct)
    {
        var sockets = await ConnectAsync(new Uri(server, "echo"), clients, ct);
        try
        {
            var frames = sockets.Select(_ => Payloads.Create(bytes)).ToArray();
            var buffers = sockets.Select(_ => new byte[bytes]).ToArray();
            return await LoadLoop.ClosedAsync(clients, duration, null, async (worker, index, token) =>
            {
                var socket = sockets[worker];
                Payloads.Stamp(frames[worker], index);
                await socket.SendAsync(frames[worker], WebSocketMessageType.Binary, true, token);
                return await ReceiveAsync(socket, buffers[worker], token) == bytes;
            }, ct);
        }
        finally
        {
            await CloseAsync(sockets);
        }
    }

    /// <summary><paramref name="clients"/> sockets receive stamped frames pushed by the server for <paramref name="duration"/>; latency = stamp to receipt.</summary>
    public static async Task<(LoadResult Load, long Bytes)> PushAsync(Uri server, int clients, int bytes, TimeSpan duration, CancellationToken ct)
    {
        var sockets = await ConnectAsync(new Uri(server, $"push/{bytes}"), clients, ct);
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var histograms = sockets.Select(_ => new LatencyHistogram()).ToArray();
        var frames = new long[clients];
        var tasks = sockets.Select((socket, i) => Task.Run(async () =>
        {
            var buffer = new byte[bytes];
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var length = await ReceiveAsync(socket, buffer, ct);
                var now = Stopwatch.GetTimestamp();
                if (length >= sizeof(long))
                {
                    histograms[i].RecordElapsed(BinaryPrimitives.ReadInt64LittleEndian(buffer), now);
                }

                frames[i]++;
            }
        }, ct)).ToList();
        await Task.WhenAll(tasks);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        foreach (var socket in sockets)
        {
            socket.Abort();
            socket.Dispose();
        }

        var latency = new LatencyHistogram();
        foreach (var histogram in histograms)
        {
            latency.Add(histogram);
        }

        var total = frames.Sum();
        return (new LoadResult(total, 0, elapsed, latency), total * bytes);
    }

    private static async Task<ClientWebSocket[]> ConnectAsync(Uri uri, int count, CancellationToken ct)
    {
        return await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            var socket = new ClientWebSocket();
            socket.Options.KeepAliveInterval = TimeSpan.Zero;
            await socket.ConnectAsync(uri, ct);
            return socket;
        }));
    }

    /// <summary>Receives one whole message into <paramref name="buffer"/> (which must be large enough); returns its length.</summary>
    private static async Task<int> ReceiveAsync(ClientWebSocket socket, byte[] buffer, CancellationToken ct)
    {
        var length = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(length), ct);
            length += result.Count;
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new WebSocketException("The baseline server closed the socket.");
            }

            if (result.EndOfMessage)
            {
                return length;
            }

            if (length == buffer.Length)
            {
                throw new WebSocketException("A baseline frame was larger than expected.");
            }
        }
    }

    private static async Task CloseAsync(IEnumerable<ClientWebSocket> sockets)
    {
        await Task.WhenAll(sockets.Select(async socket =>
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", timeout.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                socket.Abort();
            }

            socket.Dispose();
        }));
    }
}
