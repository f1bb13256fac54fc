using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Tiled.Api.Operations;
using Tiled.Application.Streaming.Live;

namespace Tiled.Api.Streaming;

/// <summary>
/// Runs one accepted <c>/stream/single</c> socket: its send queue is the <see cref="Sink"/> an
/// <see cref="OpenSubscriptionCommand"/> feeds, and <see cref="RunAsync"/> runs three loops: the
/// subscription replays its history into the queue and then lets its live relay queue the hub's
/// shared frames directly; the writer sends queued frames one at a time; the receiver reads and
/// discards client frames so that a close or a dropped connection is noticed at once. The queue is
/// bounded in bytes (<see cref="StreamSocketOptions.MaxQueuedBytes"/>): replayed history waits until
/// at most half of it is queued, while a live message that does not fit closes the socket with 1013
/// and the resume point (the subscriber loses nothing while the cache still holds it).
/// </summary>
internal sealed class SubscriberConnection(WebSocket socket, StreamSocketOptions options, TimeProvider clock, TiledMetrics metrics, bool extensions)
{
    private readonly QueuedSocket _socket = new(socket, options, clock, metrics, singleProducer: true);

    /// <summary>Where the subscription's frames go.</summary>
    public IFrameSink Sink => _socket.Queue;

    /// <summary>Where the subscriber should resume if cut off; the writer reports each written frame to it.</summary>
    public ResumePoint Resume { get; } = new();

    /// <summary>Frames written to the socket so far.</summary>
    public long MessagesSent => _socket.MessagesSent;

    /// <summary>
    /// Streams the schema, the replay and then the live messages until the producer ends the stream,
    /// the live feed is lost, the subscriber falls behind or leaves. Returns the close code (null when
    /// the connection just dropped) and which side closed.
    /// </summary>
    public async Task<(int? Code, string ClosedBy)> RunAsync(OpenedSubscription subscription, CancellationToken aborted, CancellationToken stopping)
    {
        _socket.Queue.TryEnqueue(subscription.Schema);
        using var pumpStop = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var writer = _socket.WriteAsync(Resume.Written);
        var receiver = ReceiveUntilCloseAsync();
        var pump = subscription.RunAsync(pumpStop.Token);
        var shutdown = Task.Delay(Timeout.Infinite, stopping).ContinueWith(_ => { }, TaskScheduler.Default);

        // Whatever stops first decides: the pump or the live relay (stream ended, feed lost, too slow), the server
        // shutting down (1001), or the client or socket (teardown).
        var first = await Task.WhenAny(pump, subscription.LiveCompletion, receiver, writer, shutdown);
        var decision = first == pump ? await pump
            : first == subscription.LiveCompletion ? await subscription.LiveCompletion
            : first == shutdown ? CloseDecision.GoingAway
            : CloseDecision.Cancelled;

        // The relay may decide while the replay still runs (too slow): stop it before finishing the queue.
        await pumpStop.CancelAsync();
        await QueuedSocket.Quietly(pump);
        if (decision != CloseDecision.Cancelled
            && await _socket.CloseAsync(decision, () => Reason(decision, subscription), () => Closing(decision, subscription), writer, receiver))
        {
            return (decision.Code, "server");
        }

        return await _socket.TearDownAsync(writer, receiver);
    }

    private string Reason(CloseDecision decision, OpenedSubscription subscription) =>
        decision == CloseDecision.TooSlow ? StreamCloseCodes.TooSlowReason(Resume.From(subscription.Session.Start)) : decision.Reason;

    /// <summary>The <c>closing</c> message that tells why, sent just before the close frame to subscribers that asked for extensions.</summary>
    private OutgoingFrame? Closing(CloseDecision decision, OpenedSubscription subscription) => extensions
        ? subscription.Encoder.EncodeMessage(StreamMessages.Closing(decision, Reason(decision, subscription), Resume.From(subscription.Session.Start),
            clock.GetUtcNow()))
        : null;

    private async Task ReceiveUntilCloseAsync()
    {
        var buffer = new byte[256];
        while ((await _socket.Socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None)).MessageType != WebSocketMessageType.Close)
        {
        }
    }
}
