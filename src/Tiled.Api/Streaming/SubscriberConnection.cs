using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Tiled.Api.Operations;
using Tiled.Application.Streaming.Subscriptions;

namespace Tiled.Api.Streaming;

/// <summary>
/// Runs one accepted subscription socket. Join the node's hub with <see cref="Live"/> first, then
/// open the session and call <see cref="RunAsync"/>, which runs three loops: the pump replays the
/// session's history into the send queue and then lets <see cref="Live"/> queue the hub's shared
/// frames directly; the writer sends queued frames one at a time; the receiver reads and discards
/// client frames so that a close or a dropped connection is noticed at once. The send queue is
/// bounded in bytes (<see cref="StreamSocketOptions.MaxQueuedBytes"/>): replayed history waits until
/// at most half of it is queued, while a live message that does not fit closes the socket with 1013
/// and the resume point (the subscriber loses nothing while the cache still holds it).
/// </summary>
internal sealed class SubscriberConnection
{
    private readonly WebSocket _socket;
    private readonly StreamSocketOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly string _nodePath;
    private readonly StreamEnvelopeEncoder _encoder;
    private readonly SendQueue _queue;
    private readonly ResumePoint _resume = new();
    private readonly LiveRelay _relay;
    private readonly TiledMetrics _metrics;
    private long _messagesSent;

    public SubscriberConnection(WebSocket socket, StreamSocketOptions options, TimeProvider clock, ILogger logger, string nodePath,
        StreamEnvelopeEncoder encoder, TiledMetrics metrics)
    {
        _metrics = metrics;
        _socket = socket;
        _options = options;
        _clock = clock;
        _logger = logger;
        _nodePath = nodePath;
        _encoder = encoder;
        _queue = new SendQueue(options.MaxQueuedBytes);
        _relay = new LiveRelay(_queue, encoder, _resume, clock, logger, nodePath);
    }

    /// <summary>This subscriber's listener on its node's hub; messages wait in it until the replay is done.</summary>
    public INodeStreamListener Live => _relay;

    /// <summary>Frames written to the socket so far.</summary>
    public long MessagesSent => Interlocked.Read(ref _messagesSent);

    /// <summary>
    /// Streams <paramref name="schema"/>, the session's replay and then the live messages until the
    /// producer ends the stream, the live feed is lost, the subscriber falls behind or leaves.
    /// Returns the close code (null when the connection just dropped) and which side closed.
    /// </summary>
    public async Task<(int? Code, string ClosedBy)> RunAsync(SubscriptionSession session, OutgoingFrame schema, CancellationToken aborted,
        CancellationToken stopping)
    {
        _queue.TryEnqueue(schema);
        using var pumpStop = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var writer = WriteAsync();
        var receiver = ReceiveUntilCloseAsync();
        var pump = PumpAsync(session, pumpStop.Token);
        var shutdown = Task.Delay(Timeout.Infinite, stopping).ContinueWith(_ => { }, TaskScheduler.Default);

        // Whatever stops first decides: the pump or the live relay (stream ended, feed lost, too slow), the server
        // shutting down (1001), or the client or socket (teardown).
        var first = await Task.WhenAny(pump, _relay.Completion, receiver, writer, shutdown);
        var decision = first == pump ? await pump
            : first == _relay.Completion ? await _relay.Completion
            : first == shutdown ? CloseDecision.GoingAway
            : CloseDecision.Cancelled;
        Count(decision);
        if (decision != CloseDecision.Cancelled)
        {
            // The relay may decide while the replay still runs (too slow): stop it before finishing the queue.
            await pumpStop.CancelAsync();
            await Quietly(pump);
            if (decision.Drain)
            {
                _queue.Complete();
            }
            else
            {
                _queue.Abandon();
            }

            // Draining waits for a slow reader; dropping waits only for the send in progress.
            var stopped = decision.Drain
                ? await Task.WhenAny(writer, receiver)
                : await Task.WhenAny(writer, receiver, Task.Delay(_options.CloseTimeout, _clock, CancellationToken.None));
            if (stopped == writer && writer.IsCompletedSuccessfully)
            {
                var reason = decision == CloseDecision.TooSlow ? StreamCloseCodes.TooSlowReason(_resume.From(session.Start)) : decision.Reason;
                await SocketCloser.CloseAsync(_socket, decision.Code, reason, receiver, _options.CloseTimeout, _clock);
                return (decision.Code, "server");
            }
        }

        return await TearDownAsync(pumpStop, pump, writer, receiver);
    }

    private void Count(CloseDecision decision)
    {
        if (decision == CloseDecision.TooSlow)
        {
            _metrics.SendBudgetCloses.Inc();
        }
        else if (decision == CloseDecision.LiveFeedLost || decision == CloseDecision.InternalError)
        {
            _metrics.CacheErrors.Inc();
        }
    }

    /// <summary>The subscriber left or the socket failed: stop everything, answer a close if one came.</summary>
    private async Task<(int? Code, string ClosedBy)> TearDownAsync(CancellationTokenSource pumpStop, Task<CloseDecision> pump, Task writer,
        Task receiver)
    {
        await pumpStop.CancelAsync();
        _queue.Abandon();
        await Quietly(pump);
        if (receiver.IsCompletedSuccessfully && _socket.State == WebSocketState.CloseReceived
            && await Task.WhenAny(writer, Task.Delay(_options.CloseTimeout, _clock, CancellationToken.None)) == writer)
        {
            var status = _socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure;
            await SocketCloser.CloseAsync(_socket, (int)status, _socket.CloseStatusDescription ?? "", null, _options.CloseTimeout, _clock);
        }

        if (_socket.State != WebSocketState.Closed)
        {
            _socket.Abort();
        }

        await Quietly(writer);
        await Quietly(receiver);
        return (_socket.CloseStatus is { } code ? (int)code : null, "client");
    }

    /// <summary>Replays, then hands over to the relay and waits for its decision.</summary>
    private async Task<CloseDecision> PumpAsync(SubscriptionSession session, CancellationToken ct)
    {
        try
        {
            await foreach (var item in session.ReplayAsync(ct))
            {
                if (item is SubscriptionEnd)
                {
                    return CloseDecision.ProducerEnded;
                }

                _resume.Produced(item);
                await _queue.EnqueueWhenAtMostAsync(Encode(item), _queue.CapacityBytes / 2, ct);
            }

            _relay.GoLive(session);
            return await _relay.Completion.WaitAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return CloseDecision.Cancelled;
        }
        catch (Exception e)
        {
            StreamSocketLog.SubscriptionFailed(_logger, e, _nodePath);
            return CloseDecision.InternalError;
        }
    }

    private OutgoingFrame Encode(SubscriptionItem item)
    {
        try
        {
            return _encoder.Encode(item, _clock.GetUtcNow());
        }
        catch (JsonException) when (item is SubscriptionEntry { Entry.Sequence: var sequence })
        {
            // A corrupt entry would fail every reconnect at the same place: report it as missing instead.
            StreamSocketLog.UnreadableEntry(_logger, _nodePath, sequence);
            return _encoder.Encode(new SubscriptionGap(sequence, sequence, item.FromReplay), _clock.GetUtcNow());
        }
    }

    private async Task WriteAsync()
    {
        await foreach (var frame in _queue.Reader.ReadAllAsync(CancellationToken.None))
        {
            if (_queue.IsAbandoned)
            {
                return;
            }

            // Never cancelled by token (that would abort the socket): stopping is Abandon, or Abort when stuck.
            if (!frame.Tail.IsEmpty)
            {
                // One message in two WebSocket frames (a fragmented message), so the tail is not copied after the head.
                await _socket.SendAsync(frame.Data, frame.MessageType, endOfMessage: false, CancellationToken.None);
            }

            await _socket.SendAsync(frame.Tail.IsEmpty ? frame.Data : frame.Tail, frame.MessageType, endOfMessage: true, CancellationToken.None);
            _queue.MarkSent(frame);
            Interlocked.Increment(ref _messagesSent);
            _metrics.MessagesSent.Inc();
            _metrics.BytesSent.Inc(frame.Data.Length + frame.Tail.Length);
            _resume.Written(frame);
        }
    }

    private async Task ReceiveUntilCloseAsync()
    {
        var buffer = new byte[256];
        while ((await _socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None)).MessageType != WebSocketMessageType.Close)
        {
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // The connection is being torn down; its failures are expected and already decided on.
        }
    }
}
