using System.Net.WebSockets;
using Tiled.Api.Operations;
using Tiled.Application.Streaming.Live;

namespace Tiled.Api.Streaming;

/// <summary>
/// An accepted subscription socket and its bounded <see cref="SendQueue"/>: the writer loop that
/// sends queued frames one at a time, and the two ways a connection ends, closed by the server
/// after a decision, or torn down when the client left or the socket failed. Both transports
/// (<c>/stream/single</c>, <c>/stream/multi</c>) run on it.
/// </summary>
internal sealed class QueuedSocket(WebSocket socket, StreamSocketOptions options, TimeProvider clock, TiledMetrics metrics, bool singleProducer)
{
    private long _messagesSent;

    public WebSocket Socket { get; } = socket;

    public SendQueue Queue { get; } = new(options.MaxQueuedBytes, singleProducer);

    public StreamSocketOptions Options { get; } = options;

    /// <summary>Frames written to the socket so far.</summary>
    public long MessagesSent => Interlocked.Read(ref _messagesSent);

    /// <summary>Sends queued frames until the queue completes or is abandoned; <paramref name="written"/> hears of each one sent.</summary>
    public async Task WriteAsync(Action<OutgoingFrame> written)
    {
        await foreach (var frame in Queue.Reader.ReadAllAsync(CancellationToken.None))
        {
            if (Queue.IsAbandoned)
            {
                return;
            }

            // Never cancelled by token (that would abort the socket): stopping is Abandon, or Abort when stuck.
            var flags = Options.Compression && frame.MessageType == WebSocketMessageType.Binary && frame.Length > Options.CompressBinaryUpToBytes
                ? WebSocketMessageFlags.DisableCompression
                : WebSocketMessageFlags.None;
            if (!frame.Tail.IsEmpty)
            {
                // One message in two WebSocket frames (a fragmented message), so the tail is not copied after the head.
                await Socket.SendAsync(frame.Data, frame.MessageType, flags, CancellationToken.None);
            }

            await Socket.SendAsync(frame.Tail.IsEmpty ? frame.Data : frame.Tail, frame.MessageType, flags | WebSocketMessageFlags.EndOfMessage,
                CancellationToken.None);
            Queue.MarkSent(frame);
            Interlocked.Increment(ref _messagesSent);
            metrics.MessagesSent.Inc();
            metrics.BytesSent.Inc(frame.Data.Length + frame.Tail.Length);
            written(frame);
        }
    }

    /// <summary>
    /// Ends the connection as <paramref name="decision"/> says: sends what is queued (or drops it),
    /// then <paramref name="terminal"/> (if any) and the close frame. False when the writer or the
    /// client stopped first: the caller then tears down.
    /// </summary>
    public async Task<bool> CloseAsync(CloseDecision decision, Func<string> reason, Func<OutgoingFrame?> terminal, Task writer, Task receiver)
    {
        Count(decision);
        if (decision.Drain)
        {
            Queue.Complete();
        }
        else
        {
            Queue.Abandon();
        }

        // Draining waits for a slow reader; dropping waits only for the send in progress.
        var stopped = decision.Drain
            ? await Task.WhenAny(writer, receiver)
            : await Task.WhenAny(writer, receiver, Task.Delay(Options.CloseTimeout, clock, CancellationToken.None));
        if (stopped != writer || !writer.IsCompletedSuccessfully)
        {
            return false;
        }

        if (terminal() is { } last && !await TrySendAsync(last))
        {
            return false;
        }

        await SocketCloser.CloseAsync(Socket, decision.Code, reason(), receiver, Options.CloseTimeout, clock);
        return true;
    }

    /// <summary>The subscriber left or the socket failed: stop writing, answer a close if one came.</summary>
    public async Task<(int? Code, string ClosedBy)> TearDownAsync(Task writer, Task receiver)
    {
        Queue.Abandon();
        if (receiver.IsCompletedSuccessfully && Socket.State == WebSocketState.CloseReceived
            && await Task.WhenAny(writer, Task.Delay(Options.CloseTimeout, clock, CancellationToken.None)) == writer)
        {
            var status = Socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure;
            await SocketCloser.CloseAsync(Socket, (int)status, Socket.CloseStatusDescription ?? "", null, Options.CloseTimeout, clock);
        }

        if (Socket.State != WebSocketState.Closed)
        {
            Socket.Abort();
        }

        await Quietly(writer);
        await Quietly(receiver);
        return (Socket.CloseStatus is { } code ? (int)code : null, "client");
    }

    public static async Task Quietly(Task task)
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

    private async Task<bool> TrySendAsync(OutgoingFrame frame)
    {
        using var deadline = new CancellationTokenSource(Options.CloseTimeout, clock);
        try
        {
            await Socket.SendAsync(frame.Data, frame.MessageType, endOfMessage: true, deadline.Token);
            return true;
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            return false;
        }
    }

    private void Count(CloseDecision decision)
    {
        if (decision == CloseDecision.TooSlow)
        {
            metrics.SendBudgetCloses.Inc();
        }
        else if (decision == CloseDecision.LiveFeedLost || decision == CloseDecision.InternalError)
        {
            metrics.CacheErrors.Inc();
        }
    }
}
