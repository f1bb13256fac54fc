using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Tiled.Application.Abstractions;
using Tiled.Application.Streaming.Subscriptions;

namespace Tiled.Api.Streaming;

/// <summary>
/// Runs one accepted subscription socket with three loops: the pump reads the session, encodes and
/// queues; the writer sends queued frames one at a time; the receiver reads and discards client
/// frames so that a close or a dropped connection is noticed at once. The send queue is bounded in
/// bytes (<see cref="StreamSocketOptions.MaxQueuedBytes"/>): replayed history waits until at most
/// half of it is queued, while a live message that does not fit closes the socket with 1013 and the
/// resume point (the subscriber loses nothing while the cache still holds it).
/// </summary>
internal sealed class SubscriberConnection(WebSocket socket, StreamSocketOptions options, TimeProvider clock, ILogger logger, string nodePath)
{
    private long _resumeAfter = -1;
    private long _firstProduced = -1;
    private long _messagesSent;

    /// <summary>Frames written to the socket so far.</summary>
    public long MessagesSent => Interlocked.Read(ref _messagesSent);

    /// <summary>
    /// Streams <paramref name="schema"/> and then the session until the producer ends the stream, the
    /// live feed is lost, the subscriber falls behind or leaves. Returns the close code (null when the
    /// connection just dropped) and which side closed.
    /// </summary>
    public async Task<(int? Code, string ClosedBy)> RunAsync(SubscriptionSession session, StreamEnvelopeEncoder encoder,
        OutgoingFrame schema, CancellationToken aborted)
    {
        var queue = new SendQueue(options.MaxQueuedBytes);
        queue.TryEnqueue(schema);
        using var pumpStop = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var writer = WriteAsync(queue);
        var receiver = ReceiveUntilCloseAsync();
        var pump = PumpAsync(session, encoder, queue, pumpStop.Token);

        // Whatever stops first decides: the pump (stream ended, feed lost, too slow), or the client or socket (teardown).
        var decision = await Task.WhenAny(pump, receiver, writer) == pump ? await pump : CloseDecision.Cancelled;
        if (decision != CloseDecision.Cancelled)
        {
            if (decision.Drain)
            {
                queue.Complete();
            }
            else
            {
                queue.Abandon();
            }

            // Draining waits for a slow reader; dropping waits only for the send in progress.
            var stopped = decision.Drain
                ? await Task.WhenAny(writer, receiver)
                : await Task.WhenAny(writer, receiver, Task.Delay(options.CloseTimeout, clock, CancellationToken.None));
            if (stopped == writer && writer.IsCompletedSuccessfully)
            {
                var reason = decision == CloseDecision.TooSlow ? StreamCloseCodes.TooSlowReason(ResumeFrom(session)) : decision.Reason;
                await SocketCloser.CloseAsync(socket, decision.Code, reason, receiver, options.CloseTimeout, clock);
                return (decision.Code, "server");
            }
        }

        return await TearDownAsync(queue, pumpStop, pump, writer, receiver);
    }

    /// <summary>The subscriber left or the socket failed: stop everything, answer a close if one came.</summary>
    private async Task<(int? Code, string ClosedBy)> TearDownAsync(SendQueue queue, CancellationTokenSource pumpStop,
        Task<CloseDecision> pump, Task writer, Task receiver)
    {
        await pumpStop.CancelAsync();
        queue.Abandon();
        await Quietly(pump);
        if (receiver.IsCompletedSuccessfully && socket.State == WebSocketState.CloseReceived
            && await Task.WhenAny(writer, Task.Delay(options.CloseTimeout, clock, CancellationToken.None)) == writer)
        {
            var status = socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure;
            await SocketCloser.CloseAsync(socket, (int)status, socket.CloseStatusDescription ?? "", null, options.CloseTimeout, clock);
        }

        if (socket.State != WebSocketState.Closed)
        {
            socket.Abort();
        }

        await Quietly(writer);
        await Quietly(receiver);
        return (socket.CloseStatus is { } code ? (int)code : null, "client");
    }

    private async Task<CloseDecision> PumpAsync(SubscriptionSession session, StreamEnvelopeEncoder encoder, SendQueue queue, CancellationToken ct)
    {
        try
        {
            await foreach (var item in session.ReadAsync(ct))
            {
                if (_firstProduced < 0)
                {
                    Interlocked.Exchange(ref _firstProduced, FirstNumber(item));
                }

                var frame = Encode(encoder, item);
                if (item.FromReplay)
                {
                    await queue.EnqueueWhenAtMostAsync(frame, queue.CapacityBytes / 2, ct);
                }
                else if (!queue.TryEnqueue(frame))
                {
                    StreamSocketLog.SubscriberTooSlow(logger, nodePath, queue.QueuedBytes, queue.CapacityBytes);
                    return CloseDecision.TooSlow;
                }
            }

            return CloseDecision.ProducerEnded;
        }
        catch (LiveFeedLostException e)
        {
            StreamSocketLog.LiveFeedLost(logger, nodePath, e.Message);
            return CloseDecision.LiveFeedLost;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return CloseDecision.Cancelled;
        }
        catch (Exception e)
        {
            StreamSocketLog.SubscriptionFailed(logger, e, nodePath);
            return CloseDecision.InternalError;
        }
    }

    private OutgoingFrame Encode(StreamEnvelopeEncoder encoder, SubscriptionItem item)
    {
        try
        {
            return encoder.Encode(item, clock.GetUtcNow());
        }
        catch (JsonException) when (item is SubscriptionEntry { Entry.Sequence: var sequence })
        {
            // A corrupt entry would fail every reconnect at the same place: report it as missing instead.
            StreamSocketLog.UnreadableEntry(logger, nodePath, sequence);
            return encoder.Encode(new SubscriptionGap(sequence, sequence, item.FromReplay), clock.GetUtcNow());
        }
    }

    private async Task WriteAsync(SendQueue queue)
    {
        await foreach (var frame in queue.Reader.ReadAllAsync(CancellationToken.None))
        {
            if (queue.IsAbandoned)
            {
                return;
            }

            // Never cancelled by token (that would abort the socket): stopping is Abandon, or Abort when stuck.
            await socket.SendAsync(frame.Data, frame.MessageType, endOfMessage: true, CancellationToken.None);
            queue.MarkSent(frame);
            Interlocked.Increment(ref _messagesSent);
            if (frame.ResumeAfter is { } covered)
            {
                Interlocked.Exchange(ref _resumeAfter, covered);
            }
        }
    }

    private async Task ReceiveUntilCloseAsync()
    {
        var buffer = new byte[4096];
        while ((await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None)).MessageType != WebSocketMessageType.Close)
        {
        }
    }

    /// <summary>After the last frame written; else the first number the session produced; else the requested start.</summary>
    private long? ResumeFrom(SubscriptionSession session) =>
        Interlocked.Read(ref _resumeAfter) is >= 0 and var covered ? covered + 1
        : Interlocked.Read(ref _firstProduced) is >= 0 and var first ? first
        : session.Start;

    private static long FirstNumber(SubscriptionItem item) => item switch
    {
        SubscriptionEntry update => update.Entry.Sequence,
        SubscriptionGap gap => gap.From,
        _ => 1,
    };

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
