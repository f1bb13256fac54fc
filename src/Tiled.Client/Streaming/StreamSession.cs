using System.Collections.Concurrent;
using System.Net.WebSockets;
using Tiled.Formats.MessagePack;

namespace Tiled.Client.Streaming;

/// <summary>
/// One WebSocket to <c>/api/v1/stream/multi</c> carrying many subscriptions (msgpack envelope):
/// open it with <see cref="ContainerClient.OpenStreamSessionAsync"/> or <see cref="ConnectAsync"/>,
/// then start subscriptions on it with <c>subscription.StartAsync(session, start)</c>. Each
/// subscription gets its own updates, in order, through its usual events. When the socket is lost
/// or the server closes it (too slow, live feed lost), the session reconnects with back-off and
/// subscribes each subscription again from its last received sequence + 1.
/// </summary>
public sealed class StreamSession : IAsyncDisposable
{
    private const int MaxReconnectAttempts = 10;
    private readonly TiledContext _context;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private ClientWebSocket _socket;
    private Task _receiving = Task.CompletedTask;
    private long _nextId;

    private StreamSession(TiledContext context, ClientWebSocket socket)
    {
        _context = context;
        _socket = socket;
    }

    /// <summary>Subscriptions this session carries now.</summary>
    public int Count => _entries.Count;

    /// <summary>Connects and waits for the server's <c>connection_ack</c>.</summary>
    public static async Task<StreamSession> ConnectAsync(TiledContext context, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var session = new StreamSession(context, await OpenAsync(context, ct));
        session._receiving = Task.Run(session.ReceiveLoopAsync, CancellationToken.None);
        return session;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _receiving;
        foreach (var entry in _entries.Values)
        {
            entry.Subscription.OnSessionEnded(streamClosed: false);
        }

        _entries.Clear();
        _socket.Dispose();
        _stop.Dispose();
        _sending.Dispose();
    }

    /// <summary>Subscribes and waits for the schema; throws <see cref="TiledException"/> when the server refuses.</summary>
    internal async Task AddAsync(Subscription subscription, long? start, CancellationToken ct)
    {
        var id = $"s{Interlocked.Increment(ref _nextId)}";
        var entry = new Entry(subscription, string.Join('/', subscription.NodePath));
        _entries[id] = entry;
        try
        {
            await SubscribeAsync(id, entry, start, ct);
            await entry.Ready.Task.WaitAsync(ct);
        }
        catch
        {
            _entries.TryRemove(id, out _);
            throw;
        }
    }

    /// <summary>Unsubscribes; messages already on the way for it are dropped.</summary>
    internal async Task RemoveAsync(Subscription subscription)
    {
        foreach (var (id, entry) in _entries)
        {
            if (entry.Subscription == subscription && _entries.TryRemove(id, out _))
            {
                await SendQuietlyAsync(new Dictionary<string, object?> { ["type"] = "complete", ["id"] = id });
            }
        }
    }

    private Task SubscribeAsync(string id, Entry entry, long? start, CancellationToken ct)
    {
        entry.Ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var message = new Dictionary<string, object?> { ["type"] = "subscribe", ["id"] = id, ["path"] = entry.Path, ["start"] = start };
        if (entry.Subscription.InlinePayloads)
        {
            message["inline"] = true;
        }

        return SendAsync(message, ct);
    }

    private async Task SendAsync(Dictionary<string, object?> message, CancellationToken ct)
    {
        var frame = MessagePackValue.Encode(message);
        await _sending.WaitAsync(ct);
        try
        {
            await _socket.SendAsync(frame, WebSocketMessageType.Binary, endOfMessage: true, ct);
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task SendQuietlyAsync(Dictionary<string, object?> message)
    {
        try
        {
            await SendAsync(message, _stop.Token);
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The socket is gone; a reconnect does not resubscribe what was removed.
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var attempt = 0;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                while (await SocketMessages.ReceiveAsync(_socket, _stop.Token) is { } frame)
                {
                    attempt = 0;
                    Dispatch(StreamMessage.Decode(frame));
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                await SocketMessages.CloseQuietlyAsync(_socket);
                return;
            }
            catch (Exception e) when (e is WebSocketException or IOException or InvalidDataException)
            {
                // Lost: reconnect below.
            }

            if (!await ReconnectAsync(++attempt))
            {
                break;
            }
        }

        foreach (var id in _entries.Keys)
        {
            if (_entries.TryRemove(id, out var entry))
            {
                entry.Ready.TrySetException(new WebSocketException("The stream session was lost."));
                entry.Subscription.OnSessionEnded(streamClosed: false);
            }
        }
    }

    private void Dispatch(StreamMessage message)
    {
        var id = message.Text("id");
        var entry = id is null ? null : _entries.GetValueOrDefault(id);
        switch (message.Type)
        {
            case "next" when entry is not null && message.Map("metadata") is { } inner:
                var update = new StreamMessage(inner);
                if (!entry.Ready.Task.IsCompleted)
                {
                    entry.Subscription.OnSessionSchema(update);
                    entry.Subscription.OnSessionState(SubscriptionState.Connected);
                    entry.Ready.TrySetResult();
                }
                else
                {
                    entry.Subscription.OnSessionMessage(update);
                }

                break;
            case "error" when entry is not null && !entry.Ready.Task.IsCompleted && _entries.TryRemove(id!, out _):
                entry.Ready.TrySetException(new TiledException(0, message.Text("error") ?? "The subscription was refused.", $"stream/multi {entry.Path}"));
                entry.Subscription.OnSessionEnded(streamClosed: false);
                break;
            case "complete" when entry is not null && _entries.TryRemove(id!, out _):
                entry.Subscription.OnSessionEnded(streamClosed: message.Text("reason") == "end-of-stream");
                break;
        }
    }

    /// <summary>Opens a new socket and subscribes everything again where it left off; false when it gave up.</summary>
    private async Task<bool> ReconnectAsync(int attempt)
    {
        foreach (var entry in _entries.Values)
        {
            entry.Subscription.OnSessionState(SubscriptionState.Reconnecting);
        }

        for (; attempt <= MaxReconnectAttempts && !_stop.IsCancellationRequested; attempt++)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 100 * Math.Pow(2, attempt - 1))), _stop.Token);
                var socket = await OpenAsync(_context, _stop.Token);
                var previous = _socket;
                _socket = socket;
                previous.Dispose();
                foreach (var (id, entry) in _entries)
                {
                    await SubscribeAsync(id, entry, entry.Subscription.ResumeFrom, _stop.Token);
                }

                return true;
            }
            catch (Exception e) when (e is WebSocketException or IOException or InvalidDataException or OperationCanceledException)
            {
                // Try again after a longer pause.
            }
        }

        return false;
    }

    private static async Task<ClientWebSocket> OpenAsync(TiledContext context, CancellationToken ct)
    {
        var socket = SocketMessages.NewSocket();
        if (context.ApiKey is { } key)
        {
            socket.Options.SetRequestHeader("Authorization", $"Apikey {key}");
        }

        var server = context.ServerUri;
        var scheme = server.Scheme == "https" ? "wss" : "ws";
        try
        {
            await socket.ConnectAsync(new Uri($"{scheme}://{server.Authority}/api/v1/stream/multi?envelope_format=msgpack"), ct);
            var ack = await SocketMessages.ReceiveAsync(socket, ct) ?? throw new WebSocketException("The server closed before acknowledging the connection.");
            if (StreamMessage.Decode(ack).Type != "connection_ack")
            {
                throw new InvalidDataException("The server's first message was not connection_ack.");
            }

            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>One subscription the session carries; <see cref="Ready"/> completes when its schema arrived on the current socket.</summary>
    private sealed class Entry(Subscription subscription, string path)
    {
        public Subscription Subscription { get; } = subscription;

        public string Path { get; } = path;

        public TaskCompletionSource Ready { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
