using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Tiled.Api.Operations;
using Tiled.Application.Streaming.Subscriptions;

namespace Tiled.Api.Streaming;

/// <summary>
/// Runs one accepted <c>/stream/single</c> socket. Join the node's hub with <see cref="Live"/>
/// first, then open the session and call <see cref="RunAsync"/>, which runs three loops: the
/// <see cref="SubscriptionPump"/> replays the session's history into the send queue and then lets
/// <see cref="Live"/> queue the hub's shared frames directly; the writer sends queued frames one at
/// a time; the receiver reads and discards client frames so that a close or a dropped connection is
/// noticed at once. The send queue is bounded in bytes (<see cref="StreamSocketOptions.MaxQueuedBytes"/>):
/// replayed history waits until at most half of it is queued, while a live message that does not
/// fit closes the socket with 1013 and the resume point (the subscriber loses nothing while the
/// cache still holds it).
/// </summary>
internal sealed class SubscriberConnection
{
    private readonly QueuedSocket _socket;
    private readonly SubscriptionPump _pump;
    private readonly StreamEnvelopeEncoder _encoder;
    private readonly TimeProvider _clock;
    private readonly bool _extensions;

    public SubscriberConnection(WebSocket socket, StreamSocketOptions options, TimeProvider clock, ILogger logger, string nodePath,
        StreamEnvelopeEncoder encoder, bool extensions, TiledMetrics metrics, PayloadInlining? inlining = null)
    {
        _socket = new QueuedSocket(socket, options, clock, metrics, singleProducer: true);
        _pump = new SubscriptionPump(_socket.Queue, new ResumePoint(), encoder, extensions, clock, logger, nodePath, inlining);
        _extensions = extensions;
        _encoder = encoder;
        _clock = clock;
    }

    /// <summary>This subscriber's listener on its node's hub; messages wait in it until the replay is done.</summary>
    public INodeStreamListener Live => _pump.Live;

    /// <summary>Frames written to the socket so far.</summary>
    public long MessagesSent => _socket.MessagesSent;

    /// <summary>
    /// Streams <paramref name="schema"/>, the session's replay and then the live messages until the
    /// producer ends the stream, the live feed is lost, the subscriber falls behind or leaves.
    /// Returns the close code (null when the connection just dropped) and which side closed.
    /// </summary>
    public async Task<(int? Code, string ClosedBy)> RunAsync(SubscriptionSession session, OutgoingFrame schema, CancellationToken aborted,
        CancellationToken stopping)
    {
        _socket.Queue.TryEnqueue(schema);
        using var pumpStop = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var writer = _socket.WriteAsync(_pump.Resume.Written);
        var receiver = ReceiveUntilCloseAsync();
        var pump = _pump.RunAsync(session, pumpStop.Token);
        var shutdown = Task.Delay(Timeout.Infinite, stopping).ContinueWith(_ => { }, TaskScheduler.Default);

        // Whatever stops first decides: the pump or the live relay (stream ended, feed lost, too slow), the server
        // shutting down (1001), or the client or socket (teardown).
        var first = await Task.WhenAny(pump, _pump.LiveCompletion, receiver, writer, shutdown);
        var decision = first == pump ? await pump
            : first == _pump.LiveCompletion ? await _pump.LiveCompletion
            : first == shutdown ? CloseDecision.GoingAway
            : CloseDecision.Cancelled;

        // The relay may decide while the replay still runs (too slow): stop it before finishing the queue.
        await pumpStop.CancelAsync();
        await QueuedSocket.Quietly(pump);
        if (decision != CloseDecision.Cancelled
            && await _socket.CloseAsync(decision, () => Reason(decision, session), () => Closing(decision, session), writer, receiver))
        {
            return (decision.Code, "server");
        }

        return await _socket.TearDownAsync(writer, receiver);
    }

    private string Reason(CloseDecision decision, SubscriptionSession session) =>
        decision == CloseDecision.TooSlow ? StreamCloseCodes.TooSlowReason(_pump.Resume.From(session.Start)) : decision.Reason;

    /// <summary>The <c>closing</c> message that tells why, sent just before the close frame to subscribers that asked for extensions.</summary>
    private OutgoingFrame? Closing(CloseDecision decision, SubscriptionSession session) => _extensions
        ? _encoder.EncodeMessage(StreamMessages.Closing(decision, Reason(decision, session), _pump.Resume.From(session.Start), _clock.GetUtcNow()))
        : null;

    private async Task ReceiveUntilCloseAsync()
    {
        var buffer = new byte[256];
        while ((await _socket.Socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None)).MessageType != WebSocketMessageType.Close)
        {
        }
    }
}
