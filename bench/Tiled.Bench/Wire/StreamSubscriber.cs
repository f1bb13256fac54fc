using System.Diagnostics;
using System.Net.WebSockets;
using MessagePack;
using Tiled.Bench.Measure;
using Tiled.Bench.Target;

namespace Tiled.Bench.Wire;

/// <summary>
/// One subscriber on <c>/api/v1/stream/single/KEY?envelope_format=msgpack</c> (protocol §9). After the
/// schema message it counts <c>array-data</c> updates, checks that sequence numbers rise by one
/// (gaps = lost, not rising = reordered), and records the latency from the writer's timestamp (the
/// first 8 payload bytes, a <see cref="Stopwatch"/> timestamp of this process) to receipt.
/// The counters are written by the receive loop only and may be read at any time.
/// </summary>
internal sealed class StreamSubscriber : IAsyncDisposable
{
    private static readonly TimeSpan SchemaTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(10);

    private readonly ClientWebSocket _socket;
    private readonly CancellationTokenSource _stop = new();
    private byte[] _buffer = new byte[16 * 1024];
    private Task? _loop;
    private readonly UpdateCounter _counter;
    private volatile bool _closing;

    private StreamSubscriber(ClientWebSocket socket, long lastSequence)
    {
        _socket = socket;
        _counter = new UpdateCounter(lastSequence);
    }

    public long Updates => _counter.Updates;

    /// <summary>Updates missing between received sequence numbers, plus those announced by <c>gap</c> messages.</summary>
    public long Missing => _counter.Missing;

    public long Reordered => _counter.Reordered;

    public long Duplicates => _counter.Duplicates;

    public long PayloadBytes => _counter.PayloadBytes;

    /// <summary>Updates that came by reference (no payload, no latency sample).</summary>
    public long References => _counter.References;

    /// <summary><see cref="Stopwatch"/> timestamp of the first update received (0 before it).</summary>
    public long FirstReceipt => _counter.FirstReceipt;

    /// <summary><see cref="Stopwatch"/> timestamp of the last update received (0 before the first).</summary>
    public long LastReceipt => _counter.LastReceipt;

    public LatencyHistogram Latency => _counter.Latency;

    public string SchemaType { get; private set; } = "";

    public WebSocketCloseStatus? CloseStatus { get; private set; }

    public string? CloseDescription { get; private set; }

    /// <summary>The transport failure that ended the loop (an abort, a reset), if any.</summary>
    public string? Error { get; private set; }

    /// <summary>True once the receive loop has ended (close, failure or <see cref="CloseAsync"/>).</summary>
    public bool Finished => _loop is { IsCompleted: true };

    /// <summary>True when the server closed the socket or it failed, as opposed to our own close.</summary>
    public bool EndedByServer { get; private set; }

    /// <summary>
    /// Connects and reads the schema message. <paramref name="start"/> = 0 on a fresh node means
    /// "everything", so nothing is missed between the schema and the live subscription (§9.7).
    /// </summary>
    public static async Task<StreamSubscriber> ConnectAsync(BenchTarget target, string key, long? start, CancellationToken ct)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Apikey " + target.ApiKey);
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        if (target.Deflate)
        {
            socket.Options.DangerousDeflateOptions = new WebSocketDeflateOptions();
        }

        var subscriber = new StreamSubscriber(socket, start is { } s ? Math.Max(0, s - 1) : -1);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(SchemaTimeout);
            await socket.ConnectAsync(target.StreamUri(key, start), timeout.Token);
            var (length, type) = await subscriber.ReceiveMessageAsync(timeout.Token);
            if (type != WebSocketMessageType.Binary)
            {
                throw new WebSocketException($"Expected a binary schema message, got {type}.");
            }

            subscriber.SchemaType = UpdateCounter.ReadType(subscriber._buffer.AsMemory(0, length));
            return subscriber;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Connects <paramref name="count"/> subscribers, <paramref name="parallel"/> at a time; failures are counted, not thrown.</summary>
    public static async Task<(List<StreamSubscriber> Connected, int Failed, string? FirstError)> ConnectManyAsync(
        BenchTarget target, string key, int count, long? start, int parallel, CancellationToken ct)
    {
        using var gate = new SemaphoreSlim(parallel);
        var tasks = Enumerable.Range(0, count).Select(async _ =>
        {
            await gate.WaitAsync(ct);
            try
            {
                var subscriber = await ConnectAsync(target, key, start, ct);
                subscriber.StartReceiving();
                return (Subscriber: subscriber, Error: (string?)null);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or HttpRequestException)
            {
                return (Subscriber: (StreamSubscriber?)null, Error: e.Message);
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        var results = await Task.WhenAll(tasks);
        var connected = results.Select(r => r.Subscriber).OfType<StreamSubscriber>().ToList();
        return (connected, results.Count(r => r.Subscriber is null), results.Select(r => r.Error).FirstOrDefault(e => e is not null));
    }

    /// <summary>
    /// Waits until every subscriber has <paramref name="expected"/> updates or has stopped; gives up
    /// after <paramref name="timeout"/>, or earlier when no subscriber received anything for
    /// <see cref="StallTimeout"/> (e.g. a server that retains fewer events than were written).
    /// </summary>
    public static async Task<bool> WaitForAsync(IReadOnlyList<StreamSubscriber> subscribers, long expected, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var received = -1L;
        var lastProgress = Stopwatch.GetTimestamp();
        while (true)
        {
            if (subscribers.All(s => s.Updates >= expected || s.Finished))
            {
                return subscribers.All(s => s.Updates >= expected);
            }

            var now = Stopwatch.GetTimestamp();
            var total = subscribers.Sum(s => s.Updates);
            if (total != received)
            {
                received = total;
                lastProgress = now;
            }

            if (now > deadline || Stopwatch.GetElapsedTime(lastProgress, now) > StallTimeout)
            {
                return false;
            }

            await Task.Delay(10, ct);
        }
    }

    /// <summary>Starts counting updates in the background.</summary>
    public void StartReceiving() => _loop ??= ReceiveLoopAsync();

    /// <summary>Sends a normal close (if the socket is still open), waits for the loop to end, aborts after <paramref name="timeout"/>.</summary>
    public async Task CloseAsync(TimeSpan timeout)
    {
        _closing = true;
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var cts = new CancellationTokenSource(timeout);
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bench done", cts.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                // Already failing; aborted below.
            }
        }

        if (_loop is not null && await Task.WhenAny(_loop, Task.Delay(timeout)) != _loop)
        {
            _socket.Abort();
        }

        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }
    }

    /// <summary>How the connection ended, for the report: <c>1013 Subscriber too slow</c>, <c>aborted: ...</c> or empty.</summary>
    public string Outcome() =>
        !EndedByServer ? ""
        : CloseStatus is { } status ? $"{(int)status} {CloseDescription}".Trim()
        : "aborted: " + Error;

    public async ValueTask DisposeAsync()
    {
        await CloseAsync(TimeSpan.FromSeconds(2));
        _socket.Dispose();
        _stop.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        await Task.Yield();
        try
        {
            while (true)
            {
                var (length, type) = await ReceiveMessageAsync(_stop.Token);
                if (type == WebSocketMessageType.Close)
                {
                    CloseStatus = _socket.CloseStatus;
                    CloseDescription = _socket.CloseStatusDescription;
                    EndedByServer = _socket.State == WebSocketState.CloseReceived;
                    if (EndedByServer)
                    {
                        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", cts.Token);
                    }

                    return;
                }

                _counter.Handle(_buffer.AsMemory(0, length), Stopwatch.GetTimestamp());
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or MessagePackSerializationException)
        {
            Error = e.Message;
            EndedByServer = !_closing;
        }
    }

    private async Task<(int Length, WebSocketMessageType Type)> ReceiveMessageAsync(CancellationToken ct)
    {
        var length = 0;
        while (true)
        {
            if (length == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var result = await _socket.ReceiveAsync(_buffer.AsMemory(length), ct);
            length += result.Count;
            if (result.EndOfMessage || result.MessageType == WebSocketMessageType.Close)
            {
                return (length, result.MessageType);
            }
        }
    }
}
