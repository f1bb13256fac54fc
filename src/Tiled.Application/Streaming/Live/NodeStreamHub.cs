using Microsoft.Extensions.Logging;
using Tiled.Application.Abstractions;
using Tiled.Application.Streaming.Subscriptions;

namespace Tiled.Application.Streaming.Live;

/// <summary>
/// One node's live stream, shared by every subscriber of this process. A single
/// <see cref="LiveFeedReader"/> follows the node's feed and loads each new entry once; each item
/// it yields becomes one <see cref="LiveMessage"/> (encoded at most once per envelope) and is handed
/// to every listener attached at that moment, in order, on the hub's own loop. A listener attached
/// at position P (<see cref="TryAttach"/>) receives exactly the items that cover numbers after P,
/// so a subscriber replays up to P from the cache and misses nothing. When the feed is lost or
/// loading fails, every listener is told once and the hub takes no new listeners.
/// </summary>
public sealed class NodeStreamHub : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly LiveFeedReader _reader;
    private readonly ILogger _logger;
    private readonly Action<NodeStreamHub> _onFailed;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private INodeStreamListener[] _listeners = [];
    private long _position;
    private bool _failed;

    private NodeStreamHub(LiveFeedReader reader, ILogger logger, Action<NodeStreamHub> onFailed)
    {
        _reader = reader;
        _logger = logger;
        _onFailed = onFailed;
        _position = reader.OpenedAt;
        _loop = Task.Run(RunAsync);
    }

    public long NodeId => _reader.NodeId;

    /// <summary>
    /// Subscribes to <paramref name="nodeId"/>'s feed and starts following it.
    /// <paramref name="onFailed"/> is called once if the hub stops because the feed failed.
    /// </summary>
    public static async Task<NodeStreamHub> OpenAsync(IStreamCache cache, long nodeId, ILogger logger, Action<NodeStreamHub> onFailed,
        CancellationToken ct)
    {
        var reader = await LiveFeedReader.OpenAsync(cache, nodeId, ct);
        LiveStreamLog.LiveStreamOpened(logger, nodeId, reader.OpenedAt);
        return new NodeStreamHub(reader, logger, onFailed);
    }

    /// <summary>
    /// Adds <paramref name="listener"/>; <paramref name="position"/> is the last number covered by
    /// the items it will not receive. False once the hub has failed.
    /// </summary>
    public bool TryAttach(INodeStreamListener listener, out long position)
    {
        lock (_gate)
        {
            position = _position;
            if (_failed)
            {
                return false;
            }

            _listeners = [.. _listeners, listener];
            return true;
        }
    }

    /// <summary>Removes <paramref name="listener"/>; at most the message being handed out still reaches it.</summary>
    public void Detach(INodeStreamListener listener)
    {
        lock (_gate)
        {
            _listeners = Array.FindAll(_listeners, l => l != listener);
        }
    }

    /// <summary>Stops following the feed and unsubscribes. Listeners still attached are not told.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        await _reader.DisposeAsync();
        _stop.Dispose();
        LiveStreamLog.LiveStreamClosed(_logger, NodeId);
    }

    private async Task RunAsync()
    {
        try
        {
            await foreach (var item in _reader.ReadAsync(_stop.Token))
            {
                await PublishAsync(item);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed: the last subscriber left.
        }
        catch (Exception e)
        {
            Fail(e);
        }
    }

    private async Task PublishAsync(SubscriptionItem item)
    {
        INodeStreamListener[] listeners;
        lock (_gate)
        {
            _position = item switch
            {
                SubscriptionEntry update => update.Entry.Sequence,
                SubscriptionGap gap => gap.To,
                SubscriptionEnd end => end.Sequence,
                _ => 0,
            };
            listeners = _listeners;
        }

        if (listeners.Length == 0)
        {
            return;
        }

        var message = new LiveMessage(item);
        if (Array.Find(listeners, l => l.Inlining is not null)?.Inlining is { } inlining
            && await inlining.ApplyAsync(item, _stop.Token) is var inlined && !ReferenceEquals(inlined, item))
        {
            message = new LiveMessage(item) { Inlined = new LiveMessage(inlined) };
        }

        foreach (var listener in listeners)
        {
            listener.OnMessage(message);
        }
    }

    private void Fail(Exception error)
    {
        INodeStreamListener[] listeners;
        lock (_gate)
        {
            _failed = true;
            listeners = _listeners;
        }

        LiveStreamLog.LiveStreamFailed(_logger, error, NodeId, listeners.Length);
        // Retired before anyone hears of the failure, so a subscriber reconnecting at once opens a new hub.
        _onFailed(this);
        foreach (var listener in listeners)
        {
            listener.OnFailed(error);
        }
    }
}
