using System.Net.WebSockets;
using System.Threading.Channels;
using Tiled.Formats.Streaming;

namespace Tiled.Client.Streaming;

/// <summary>
/// A live subscription to one node's stream over the WebSocket (msgpack envelope). Callbacks run
/// one at a time, in arrival order, on a background task. After an abnormal close or a network
/// error it reconnects by itself with back-off and resumes from the last received sequence + 1;
/// a close with 1000 (the producer ended the stream) raises <see cref="StreamClosed"/> and ends it.
/// Started with a <see cref="StreamSession"/>, it shares that session's one socket with other
/// subscriptions instead (<c>/stream/multi</c>); the session reconnects and resumes it.
/// </summary>
public abstract class Subscription : IAsyncDisposable
{
    private const int MaxReconnectAttempts = 10;
    private readonly NodeClient _node;
    private readonly Channel<Func<Task>> _callbacks = Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _receiving;
    private Task? _dispatching;
    private long? _start;
    private long _lastSequence;
    private StreamSession? _session;
    private int _ended;

    private protected Subscription(NodeClient node) => _node = node;

    /// <summary>Raised once when the producer closed the stream and everything before the close was delivered.</summary>
    public event Action? StreamClosed;

    /// <summary>Raised once when the subscription ends for any reason (stream closed, disconnect, gave up reconnecting).</summary>
    public event Action? Disconnected;

    /// <summary>Raised when the server says it could not replay some sequences (history expired or numbering restarted).</summary>
    public event Action<HistoryGap>? Gap;

    /// <summary>Called when the subscribed node's own metadata changes (this server's addition to Tiled's messages).</summary>
    public event Func<MetadataUpdated, Task>? MetadataUpdated;

    /// <summary>Raised when a callback throws; the subscription goes on.</summary>
    public event Action<Exception>? CallbackFailed;

    public SubscriptionState State { get; private set; } = SubscriptionState.NotStarted;

    /// <summary>
    /// Ask the server to send large array writes inline (<c>inline=true</c>) instead of by reference.
    /// Either way <see cref="ArraySubscription.NewData"/> gets the data; by reference, it is fetched
    /// over HTTP first. Set before starting.
    /// </summary>
    public bool InlinePayloads { get; set; }

    /// <summary>True once the subscription has ended (Python's <c>sub.closed</c>).</summary>
    public bool Closed => State == SubscriptionState.Closed;

    /// <summary>
    /// Completes once the subscription has ended and every callback, including <see cref="StreamClosed"/>
    /// and <see cref="Disconnected"/>, has run; never completes for a subscription that was not started.
    /// </summary>
    public Task Completion => _completion.Task;

    /// <summary>The highest sequence received so far (0 before any).</summary>
    public long LastSequence => Interlocked.Read(ref _lastSequence);

    /// <summary>
    /// Connects and returns once the schema message arrived; updates then flow in the background.
    /// <paramref name="start"/>: null = live only, 0 = everything the server still retains, N = from sequence N.
    /// </summary>
    public async Task StartAsync(long? start = null, CancellationToken ct = default)
    {
        if (State != SubscriptionState.NotStarted)
        {
            throw new InvalidOperationException("A subscription can be started once.");
        }

        _start = start;
        var socket = await ConnectAsync(start, ct);
        State = SubscriptionState.Connected;
        _dispatching = Task.Run(DispatchLoopAsync, CancellationToken.None);
        _receiving = Task.Run(() => ReceiveLoopAsync(socket), CancellationToken.None);
    }

    /// <summary>
    /// Subscribes over <paramref name="session"/>'s socket and returns once the schema message
    /// arrived; <paramref name="start"/> as for <see cref="StartAsync(long?, CancellationToken)"/>.
    /// Throws <see cref="TiledException"/> when the server refuses the subscription (unknown node, missing scope).
    /// </summary>
    public async Task StartAsync(StreamSession session, long? start = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (State != SubscriptionState.NotStarted)
        {
            throw new InvalidOperationException("A subscription can be started once.");
        }

        _start = start;
        _session = session;
        _dispatching = Task.Run(DispatchLoopAsync, CancellationToken.None);
        try
        {
            await session.AddAsync(this, start, ct);
        }
        catch
        {
            State = SubscriptionState.Closed;
            _callbacks.Writer.TryComplete();
            throw;
        }

        State = SubscriptionState.Connected;
    }

    /// <summary>The node this subscription follows, as its path segments.</summary>
    internal IReadOnlyList<string> NodePath => _node.Path;

    /// <summary>Where a resumed subscription starts: after the last update received, else as first asked.</summary>
    internal long? ResumeFrom => LastSequence > 0 ? LastSequence + 1 : _start;

    /// <summary>The session's socket brought this subscription's schema (first, and again after each reconnect).</summary>
    internal void OnSessionSchema(StreamMessage schema) => OnSchema(schema);

    /// <summary>The session's socket brought one of this subscription's messages.</summary>
    internal void OnSessionMessage(StreamMessage message) => Accept(message);

    internal void OnSessionState(SubscriptionState state) => State = state;

    /// <summary>The session ended this subscription: the producer closed the stream, or the session gave up or was disposed.</summary>
    internal void OnSessionEnded(bool streamClosed) => End(streamClosed);

    /// <summary>Stops listening and closes the socket (no <see cref="StreamClosed"/>).</summary>
    public async Task DisconnectAsync()
    {
        if (_session is { } session)
        {
            await session.RemoveAsync(this);
            End(streamClosed: false);
            if (_dispatching is not null)
            {
                await _dispatching;
            }

            return;
        }

        await _stop.CancelAsync();
        if (_receiving is not null)
        {
            await _receiving;
        }

        if (_dispatching is not null)
        {
            await _dispatching;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DisconnectAsync();
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Turns one update message into callbacks; returns false for messages it does not know.</summary>
    private protected abstract bool Handle(StreamMessage message, Action<Func<Task>> enqueue);

    /// <summary>Reads what the schema message says (e.g. the array's dtype).</summary>
    private protected virtual void OnSchema(StreamMessage schema)
    {
    }

    private protected void Raise<T>(Func<T, Task>? handlers, T update, Action<Func<Task>> enqueue)
    {
        if (handlers is null)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList().Cast<Func<T, Task>>())
        {
            enqueue(() => handler(update));
        }
    }

    private async Task<ClientWebSocket> ConnectAsync(long? start, CancellationToken ct)
    {
        var socket = SocketMessages.NewSocket();
        if (_node.Context.ApiKey is { } key)
        {
            socket.Options.SetRequestHeader("Authorization", $"Apikey {key}");
        }

        var server = _node.Context.ServerUri;
        var scheme = server.Scheme == "https" ? "wss" : "ws";
        var path = string.Join('/', _node.Path.Select(Uri.EscapeDataString));
        // extensions: this server's additional events (metadata-updated, container-child-deleted); Tiled ignores the parameter.
        var query = "?envelope_format=msgpack&extensions=true" + (start is { } s ? $"&start={s}" : "") + (InlinePayloads ? "&inline=true" : "");
        try
        {
            await socket.ConnectAsync(new Uri($"{scheme}://{server.Authority}/api/v1/stream/single/{path}{query}"), ct);
            var schema = await SocketMessages.ReceiveAsync(socket, ct) ?? throw new WebSocketException("The server closed before sending the schema.");
            OnSchema(StreamMessage.Decode(schema));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task ReceiveLoopAsync(ClientWebSocket socket)
    {
        var attempt = 0;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                while (await SocketMessages.ReceiveAsync(socket, _stop.Token) is { } frame)
                {
                    attempt = 0;
                    Accept(StreamMessage.Decode(frame));
                }

                if (socket.CloseStatus is WebSocketCloseStatus.NormalClosure or WebSocketCloseStatus.EndpointUnavailable)
                {
                    socket.Dispose();
                    End(streamClosed: true);
                    return;
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                await SocketMessages.CloseQuietlyAsync(socket);
                break;
            }
            catch (Exception e) when (e is WebSocketException or IOException or InvalidDataException)
            {
                // Abnormal end: reconnect below.
            }

            socket.Dispose();
            if (++attempt > MaxReconnectAttempts || _stop.IsCancellationRequested)
            {
                break;
            }

            State = SubscriptionState.Reconnecting;
            socket = await ReconnectAsync(attempt);
            if (socket.State != WebSocketState.Open)
            {
                break;
            }

            State = SubscriptionState.Connected;
        }

        socket.Dispose();
        End(streamClosed: false);
    }

    /// <summary>Ends the subscription once: <see cref="StreamClosed"/> (when so), then <see cref="Disconnected"/>, then completion.</summary>
    private void End(bool streamClosed)
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0)
        {
            return;
        }

        // Closed before the callbacks run, so a StreamClosed handler reads State == Closed.
        State = SubscriptionState.Closed;
        if (streamClosed)
        {
            _callbacks.Writer.TryWrite(() =>
            {
                StreamClosed?.Invoke();
                return Task.CompletedTask;
            });
        }

        _callbacks.Writer.TryWrite(() =>
        {
            Disconnected?.Invoke();
            return Task.CompletedTask;
        });
        _callbacks.Writer.TryComplete();
    }

    private async Task<ClientWebSocket> ReconnectAsync(int attempt)
    {
        for (; attempt <= MaxReconnectAttempts && !_stop.IsCancellationRequested; attempt++)
        {
            var delay = TimeSpan.FromMilliseconds(Math.Min(5000, 100 * Math.Pow(2, attempt - 1)));
            try
            {
                await Task.Delay(delay, _stop.Token);
                return await ConnectAsync(ResumeFrom, _stop.Token);
            }
            catch (Exception e) when (e is WebSocketException or IOException or InvalidDataException or OperationCanceledException)
            {
                // Try again after a longer pause.
            }
        }

        return new ClientWebSocket();
    }

    private void Accept(StreamMessage message)
    {
        if (message.Type == StreamMessageTypes.MetadataUpdated && message.Has("sequence"))
        {
            Raise(MetadataUpdated, new MetadataUpdated(message.Long("sequence"), message.Timestamp, message.Text("key") ?? "",
                MsgpackJson.Object(message["metadata"])), work => _callbacks.Writer.TryWrite(work));
            Interlocked.Exchange(ref _lastSequence, message.Long("sequence"));
            return;
        }

        if (message.Type == StreamMessageTypes.Gap)
        {
            var gap = new HistoryGap(message.Long("sequence_from"), message.Long("sequence_to"), message.Timestamp);
            _callbacks.Writer.TryWrite(() =>
            {
                Gap?.Invoke(gap);
                return Task.CompletedTask;
            });
            return;
        }

        if (message.Type == StreamMessageTypes.Reset)
        {
            Interlocked.Exchange(ref _lastSequence, 0);
            var gap = new HistoryGap(message.Long("previous_sequence") + 1, message.Long("previous_sequence") + 1, message.Timestamp);
            _callbacks.Writer.TryWrite(() =>
            {
                Gap?.Invoke(gap);
                return Task.CompletedTask;
            });
            return;
        }

        if (message.Has("sequence") && Handle(message, work => _callbacks.Writer.TryWrite(work)))
        {
            Interlocked.Exchange(ref _lastSequence, message.Long("sequence"));
        }
    }

    private async Task DispatchLoopAsync()
    {
        await foreach (var callback in _callbacks.Reader.ReadAllAsync())
        {
            try
            {
                await callback();
            }
            catch (Exception e)
            {
                CallbackFailed?.Invoke(e);
            }
        }

        _completion.TrySetResult();
    }
}
