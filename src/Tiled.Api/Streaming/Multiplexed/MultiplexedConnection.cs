using System.Net.WebSockets;
using MediatR;
using Microsoft.Extensions.Logging;
using Tiled.Application.Abstractions;
using Tiled.Application.Common.Errors;
using Tiled.Application.Streaming.Live;
using Tiled.Domain.Common;
using Tiled.Domain.Nodes;
using Tiled.Domain.Principals;

namespace Tiled.Api.Streaming.Multiplexed;

/// <summary>
/// Runs one accepted, authenticated <c>/stream/multi</c> socket (protocol additions §2): the
/// receiver reads the client's messages (subscribe, complete, ping, pong) and each subscription
/// runs through its own <see cref="SubscriptionPump"/> into the socket's one send queue, its frames
/// wrapped as <c>next</c>. Per subscription, delivery is exactly once and in order, as on
/// <c>/stream/single</c>; a subscription that fails (unknown node, missing scope) gets an
/// <c>error</c> and the socket stays open.
/// </summary>
/// <remarks>
/// Memory: the send budget (<see cref="StreamSocketOptions.MaxQueuedBytes"/>) is shared by all the
/// socket's subscriptions, replays are paced to half of it, and at most
/// <see cref="StreamSocketOptions.MaxSubscriptionsPerSocket"/> subscriptions are active. When a
/// live message or a control message does not fit, the client has fallen behind: the socket is
/// closed with 1013 after a <c>connection_closing</c> message naming each subscription's resume
/// point. A lost live feed closes it with 1012 the same way; the client reconnects and subscribes
/// again with those <c>start</c>s.
/// </remarks>
internal sealed class MultiplexedConnection(QueuedSocket socket, MultiplexedContext context)
{
    /// <summary>Longest client message read; a longer one is answered with an error and dropped.</summary>
    public const int MaxClientMessageBytes = 16 * 1024;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, MultiplexedSubscription> _active = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<CloseDecision> _fatal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _closing;

    /// <summary>Runs until the client leaves, the server stops, or the client falls behind; returns the close code and who closed.</summary>
    public async Task<(int? Code, string ClosedBy)> RunAsync(CancellationToken stopping)
    {
        Send(MultiplexedMessages.ConnectionAck());
        var writer = socket.WriteAsync(frame => frame.Resume?.Written(frame));
        var receiver = ReceiveAsync();
        var shutdown = Task.Delay(Timeout.Infinite, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
        var first = await Task.WhenAny(receiver, writer, shutdown, _fatal.Task);
        var decision = first == _fatal.Task ? await _fatal.Task
            : first == shutdown ? CloseDecision.GoingAway
            : CloseDecision.Cancelled;
        var stopped = await StopAllAsync();
        if (decision != CloseDecision.Cancelled
            && await socket.CloseAsync(decision, () => Reason(decision), () => Closing(decision, stopped), writer, receiver))
        {
            return (decision.Code, "server");
        }

        return await socket.TearDownAsync(writer, receiver);
    }

    private static string Reason(CloseDecision decision) =>
        decision == CloseDecision.TooSlow ? "Subscriber too slow; see connection_closing for where each subscription resumes" : decision.Reason;

    /// <summary>Built once the writer has stopped, so each resume point counts every frame that went out.</summary>
    private OutgoingFrame? Closing(CloseDecision decision, IReadOnlyList<MultiplexedSubscription> stopped) =>
        context.Control.EncodeMessage(MultiplexedMessages.ConnectionClosing(decision, Reason(decision),
            stopped.ToDictionary(s => s.Id, s => s.ResumeFrom, StringComparer.Ordinal)));

    /// <summary>Queues a control message; one that does not fit the budget means the client has fallen behind.</summary>
    private void Send(System.Text.Json.Nodes.JsonObject message)
    {
        if (!socket.Queue.TryEnqueue(context.Control.EncodeMessage(message)))
        {
            LiveStreamLog.SubscriberTooSlow(context.Logger, "(multiplexed)", socket.Queue.QueuedBytes, socket.Queue.CapacityBytes);
            _fatal.TrySetResult(CloseDecision.TooSlow);
        }
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[MaxClientMessageBytes];
        while (true)
        {
            var length = 0;
            var tooLong = false;
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.Socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                length += result.Count;
                if (length == buffer.Length && !result.EndOfMessage)
                {
                    tooLong = true;
                    length = 0;
                }
            }
            while (!result.EndOfMessage);

            if (tooLong)
            {
                Send(MultiplexedMessages.Error(null, null, $"Messages are limited to {MaxClientMessageBytes} bytes; this one was dropped."));
                continue;
            }

            Dispatch(result.MessageType, buffer.AsMemory(0, length));
        }
    }

    private void Dispatch(WebSocketMessageType type, ReadOnlyMemory<byte> frame)
    {
        ClientMessage message;
        try
        {
            message = ClientMessage.Parse(type, frame);
        }
        catch (FormatException e)
        {
            Send(MultiplexedMessages.Error(null, null, e.Message));
            return;
        }

        switch (message.Type)
        {
            case "subscribe":
                Subscribe(message);
                break;
            case "complete":
                Complete(message);
                break;
            case "ping":
                Send(MultiplexedMessages.Pong(message.Payload));
                break;
            case "pong" or "auth" or "connection_auth":
                // Answers to pings we do not send, and auth messages after authentication, need nothing.
                break;
            default:
                Send(MultiplexedMessages.Error(message.Id, message.Path,
                    $"Unknown message type '{message.Type}': expected subscribe, complete, ping or pong."));
                break;
        }
    }

    private void Subscribe(ClientMessage message)
    {
        if (message.Path is not { } path)
        {
            Send(MultiplexedMessages.Error(message.Id, null, "A subscribe message needs a 'path' (\"\" for the root)."));
            return;
        }

        var id = message.Id ?? path;
        if (!message.Start.IsValid)
        {
            Send(MultiplexedMessages.Error(id, path, "start must be a non-negative integer, or null for live updates only."));
            return;
        }

        var subscription = new MultiplexedSubscription(id, path, message.Start.Sequence, message.Inline);
        string? refusal;
        lock (_gate)
        {
            refusal = _closing ? "The connection is closing."
                : _active.ContainsKey(id) ? $"Subscription id '{id}' already in use."
                : _active.Count >= socket.Options.MaxSubscriptionsPerSocket
                    ? $"Too many subscriptions on this connection (at most {socket.Options.MaxSubscriptionsPerSocket})."
                : null;
            if (refusal is null)
            {
                _active.Add(id, subscription);
                subscription.Run = Task.Run(() => RunSubscriptionAsync(subscription));
                return;
            }
        }

        Send(MultiplexedMessages.Error(id, path, refusal));
    }

    /// <summary>Ends the subscription named by id (or, without one, every subscription to the path); unknown ones are ignored.</summary>
    private void Complete(ClientMessage message)
    {
        List<MultiplexedSubscription> ended;
        lock (_gate)
        {
            ended = message.Id is { } id
                ? _active.TryGetValue(id, out var one) ? [one] : []
                : [.. _active.Values.Where(s => s.Path == message.Path)];
            foreach (var subscription in ended)
            {
                _active.Remove(subscription.Id);
            }
        }

        foreach (var subscription in ended)
        {
            subscription.Stop.Cancel();
        }
    }

    private async Task RunSubscriptionAsync(MultiplexedSubscription subscription)
    {
        var decision = await StreamAsync(subscription);
        if (decision == CloseDecision.TooSlow || decision == CloseDecision.LiveFeedLost)
        {
            // The whole socket closes; the subscription stays listed so the closing message names its resume point.
            _fatal.TrySetResult(decision);
            return;
        }

        bool stillActive;
        lock (_gate)
        {
            stillActive = _active.TryGetValue(subscription.Id, out var current) && current == subscription && !_closing;
            if (stillActive)
            {
                _active.Remove(subscription.Id);
            }
        }

        if (!stillActive || decision == CloseDecision.Cancelled)
        {
            return;
        }

        if (!decision.StreamEnded)
        {
            Send(MultiplexedMessages.Error(subscription.Id, subscription.Path, decision.Reason));
        }

        Send(MultiplexedMessages.Complete(subscription.Id, subscription.Path, decision.EndReason));
    }

    /// <summary>
    /// Looks the node up, checks the scopes, joins the node's hub, acknowledges, sends the schema and
    /// runs the pump. <see cref="CloseDecision.Cancelled"/> also when the subscription was refused (an error has been sent).
    /// </summary>
    private async Task<CloseDecision> StreamAsync(MultiplexedSubscription subscription)
    {
        var ct = subscription.Stop.Token;
        try
        {
            var nodePath = NodePath.Parse(subscription.Path);
            var missing = Scopes.Subscribe.FirstOrDefault(s => !context.Scopes.Contains(s));
            var node = missing is null ? await context.Catalog.FindAsync(nodePath, ct) : null;
            if (node is null)
            {
                var error = missing is null ? new NodeNotFoundException(nodePath).Message : $"Not enough permissions: requires scope '{missing}'";
                Refuse(subscription, error);
                return CloseDecision.Cancelled;
            }

            var sink = new TaggedFrameSink(socket.Queue, new NextEnvelope(context.Envelope, subscription.Id, subscription.Path), subscription.Resume);
            await using var opened = await context.Mediator.Send(new OpenSubscriptionCommand(node, subscription.Start, context.Envelope,
                Extensions: true, subscription.Inline, context.Links(node.Path.ToString()), sink, subscription.Resume), ct);
            Send(MultiplexedMessages.SubscribeAck(subscription.Id, subscription.Path, node.Id));
            if (!sink.TryEnqueue(opened.Schema))
            {
                return CloseDecision.TooSlow;
            }

            StreamSocketLog.SubscriberJoined(context.Logger, node.Path.ToString(), context.Envelope == EnvelopeFormat.Msgpack ? "msgpack" : "json",
                subscription.Start);
            return await opened.RunAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return CloseDecision.Cancelled;
        }
        catch (DomainException e)
        {
            Refuse(subscription, e.Message);
            return CloseDecision.Cancelled;
        }
        catch (Exception e)
        {
            // Opening the subscription failed (e.g. the cache is unreachable): this subscription ends, the socket stays.
            LiveStreamLog.SubscriptionFailed(context.Logger, e, subscription.Path);
            return CloseDecision.InternalError;
        }
    }

    private void Refuse(MultiplexedSubscription subscription, string error)
    {
        lock (_gate)
        {
            if (_active.TryGetValue(subscription.Id, out var current) && current == subscription)
            {
                _active.Remove(subscription.Id);
            }
        }

        Send(MultiplexedMessages.Error(subscription.Id, subscription.Path, error));
    }

    /// <summary>Ends every subscription and returns them.</summary>
    private async Task<IReadOnlyList<MultiplexedSubscription>> StopAllAsync()
    {
        MultiplexedSubscription[] all;
        lock (_gate)
        {
            _closing = true;
            all = [.. _active.Values];
        }

        foreach (var subscription in all)
        {
            await subscription.Stop.CancelAsync();
        }

        foreach (var subscription in all)
        {
            await QueuedSocket.Quietly(subscription.Run);
        }

        return all;
    }
}

/// <summary>What every subscription of one multiplexed socket shares.</summary>
internal sealed record MultiplexedContext(
    INodeCatalog Catalog,
    ISender Mediator,
    TimeProvider Clock,
    ILogger Logger,
    EnvelopeFormat Envelope,
    StreamEnvelopeEncoder Control,
    Func<string, ArrayRefLinks> Links,
    IReadOnlySet<string> Scopes);
