using System.Text.Json;
using Microsoft.Extensions.Logging;
using Tiled.Application.Abstractions;
using Tiled.Application.Streaming.Subscriptions;

namespace Tiled.Application.Streaming.Live;

/// <summary>
/// Carries a node's live messages to one subscriber's send queue. Until the subscriber's replay is
/// done they wait here, their stored bytes counted against the send budget (beyond it: 1013). Once
/// live (<see cref="GoLive"/>), each message is judged by the subscriber's session and its shared
/// frame queued at once, on the hub's loop and without waiting: a message that does not fit the
/// budget closes the socket with 1013. <see cref="Completion"/> says how the subscription ends.
/// </summary>
public sealed class LiveRelay(IFrameSink queue, StreamEnvelopeEncoder encoder, ResumePoint resume, bool extensions, TimeProvider clock,
    ILogger logger, string nodePath, PayloadInlining? inlining = null) : INodeStreamListener
{
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource<CloseDecision> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Queue<LiveMessage> _pending = new();
    private long _pendingBytes;
    private SubscriptionSession? _session;
    private Exception? _failure;

    /// <summary>Completes when the live part decides the end: stream ended, feed lost, too slow, failure.</summary>
    public Task<CloseDecision> Completion => _done.Task;

    public PayloadInlining? Inlining => inlining;

    public void OnMessage(LiveMessage message)
    {
        lock (_gate)
        {
            if (_done.Task.IsCompleted)
            {
                return;
            }

            if (_session is { } session)
            {
                Deliver(session, message);
                return;
            }

            _pending.Enqueue(message);
            _pendingBytes += message.Bytes;
            if (_pendingBytes > queue.CapacityBytes)
            {
                LiveStreamLog.SubscriberTooSlow(logger, nodePath, queue.QueuedBytes + _pendingBytes, queue.CapacityBytes);
                _done.TrySetResult(CloseDecision.TooSlow);
                _pending.Clear();
            }
        }
    }

    public void OnFailed(Exception error)
    {
        lock (_gate)
        {
            if (_session is null)
            {
                // What was handed over before the failure is still delivered first, once the replay is done.
                _failure ??= error;
                return;
            }

            Fail(error);
        }
    }

    /// <summary>The replay is done: delivers what waited, then every message as it comes.</summary>
    public void GoLive(SubscriptionSession session)
    {
        lock (_gate)
        {
            _session = session;
            while (!_done.Task.IsCompleted && _pending.TryDequeue(out var message))
            {
                Deliver(session, message);
            }

            _pending.Clear();
            _pendingBytes = 0;
            if (_failure is { } failure)
            {
                Fail(failure);
            }
        }
    }

    private void Deliver(SubscriptionSession session, LiveMessage message)
    {
        if (inlining is not null && message.Inlined is { } inlined)
        {
            message = inlined;
        }

        OutgoingFrame frame;
        try
        {
            var item = session.Accept(message.Item);
            if (item is null)
            {
                return;
            }

            if (item is SubscriptionEnd end)
            {
                _done.TrySetResult(CloseDecision.For(end));
                return;
            }

            if (!extensions && (ReferenceEquals(item, message.Item) ? message.IsExtension : StreamExtensions.IsExtension(item)))
            {
                return;
            }

            resume.Produced(item);
            // Unchanged items share the hub's frame; a shortened gap or this subscriber's reset is its own.
            frame = ReferenceEquals(item, message.Item) ? message.FrameFor(encoder, clock.GetUtcNow()) : encoder.Encode(item, clock.GetUtcNow());
        }
        catch (JsonException) when (message.Item is SubscriptionEntry { Entry.Sequence: var sequence })
        {
            // A corrupt entry would fail every reconnect at the same place: report it as missing instead.
            LiveStreamLog.UnreadableEntry(logger, nodePath, sequence);
            frame = encoder.Encode(new SubscriptionGap(sequence, sequence, FromReplay: false), clock.GetUtcNow());
        }
        catch (Exception e)
        {
            Fail(e);
            return;
        }

        if (!queue.TryEnqueue(frame))
        {
            LiveStreamLog.SubscriberTooSlow(logger, nodePath, queue.QueuedBytes, queue.CapacityBytes);
            _done.TrySetResult(CloseDecision.TooSlow);
        }
    }

    private void Fail(Exception error)
    {
        if (_done.Task.IsCompleted)
        {
            return;
        }

        if (error is LiveFeedLostException lost)
        {
            LiveStreamLog.LiveFeedLost(logger, nodePath, lost.Message);
            _done.TrySetResult(CloseDecision.LiveFeedLost);
        }
        else
        {
            LiveStreamLog.SubscriptionFailed(logger, error, nodePath);
            _done.TrySetResult(CloseDecision.InternalError);
        }
    }
}
