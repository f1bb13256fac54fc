using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Tiled.Application.Abstractions;

namespace Tiled.Infrastructure.Streaming;

/// <summary>
/// The process's live feeds over one shared <see cref="ISubscriber"/>: a node's channel is
/// subscribed in Redis when its first feed arrives and unsubscribed when its last feed leaves.
/// SUBSCRIBE and UNSUBSCRIBE are bounded by <paramref name="timeout"/> like every other call of the
/// stream cache, so a Redis that stopped answering never holds a subscriber (or the channel's gate).
/// </summary>
internal sealed class RedisFeedRegistry(ISubscriber subscriber, RedisStreamKeys keys, ILogger logger, TimeSpan timeout)
{
    private readonly ConcurrentDictionary<long, RedisNodeChannel> _channels = new();
    private volatile bool _closed;

    /// <summary>
    /// Returns once Redis has confirmed the subscription, so every number published from then on
    /// reaches the feed.
    /// </summary>
    public async Task<ILiveFeed> SubscribeAsync(long nodeId, CancellationToken ct)
    {
        while (true)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            var channel = _channels.GetOrAdd(nodeId, id => new RedisNodeChannel(id, keys.Notify(id)));
            await channel.Gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                if (channel.IsRetired)
                {
                    continue;
                }

                var feed = new ChannelLiveFeed(f => UnsubscribeAsync(channel, f));
                // Joined before SUBSCRIBE completes: a message arriving in between already reaches it.
                channel.Add(feed);
                if (!channel.IsSubscribed)
                {
                    var subscribing = subscriber.SubscribeAsync(channel.Name);
                    try
                    {
                        var subscription = await subscribing.WaitAsync(timeout, ct).ConfigureAwait(false);
                        // A queue delivers in publication order, one message at a time (handlers would run concurrently).
                        subscription.OnMessage(channel.Deliver);
                        channel.Subscription = subscription;
                    }
                    catch
                    {
                        channel.Remove(feed);
                        Retire(channel);
                        UnsubscribeIfLate(subscribing, nodeId);
                        throw;
                    }

                    StreamingLog.ChannelSubscribed(logger, nodeId);
                }

                return feed;
            }
            finally
            {
                channel.Gate.Release();
            }
        }
    }

    /// <summary>
    /// Ends every live feed with <see cref="LiveFeedLostException"/>: numbers published while the
    /// subscription was down are gone, so subscribers must reconnect and replay. The feeds stay
    /// registered until their owners dispose them. Returns how many feeds were ended.
    /// </summary>
    public int FailAll(string reason)
    {
        var ended = 0;
        foreach (var channel in _channels.Values)
        {
            foreach (var feed in channel.Feeds)
            {
                if (feed.Fail(new LiveFeedLostException(reason)))
                {
                    ended++;
                }
            }
        }

        return ended;
    }

    /// <summary>
    /// Ends every feed (as <see cref="FailAll"/>) before the connection goes away; feeds disposed
    /// afterwards only leave the registry, without talking to Redis.
    /// </summary>
    public int Close(string reason)
    {
        _closed = true;
        return FailAll(reason);
    }

    private async ValueTask UnsubscribeAsync(RedisNodeChannel channel, ChannelLiveFeed feed)
    {
        await channel.Gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (channel.Remove(feed) > 0 || channel.IsRetired)
            {
                return;
            }

            Retire(channel);
            if (!channel.IsSubscribed || _closed)
            {
                return;
            }

            try
            {
                await channel.Subscription!.UnsubscribeAsync().WaitAsync(timeout).ConfigureAwait(false);
                StreamingLog.ChannelUnsubscribed(logger, channel.NodeId);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                // The handler is already gone locally; a connection that comes back will not resubscribe it.
                StreamingLog.UnsubscribeFailed(logger, channel.NodeId, ex);
            }
        }
        finally
        {
            channel.Gate.Release();
        }
    }

    /// <summary>A SUBSCRIBE given up on (timed out, cancelled) that Redis confirms later is undone, so no channel stays subscribed without a feed.</summary>
    private void UnsubscribeIfLate(Task<ChannelMessageQueue> subscribing, long nodeId) => _ = UnsubscribeLateAsync(subscribing, nodeId);

    private async Task UnsubscribeLateAsync(Task<ChannelMessageQueue> subscribing, long nodeId)
    {
        ChannelMessageQueue late;
        try
        {
            late = await subscribing.ConfigureAwait(false);
        }
        catch (Exception)
        {
            return; // It never subscribed: nothing to undo.
        }

        try
        {
            await late.UnsubscribeAsync().WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            StreamingLog.UnsubscribeFailed(logger, nodeId, ex);
        }
    }

    private void Retire(RedisNodeChannel channel)
    {
        channel.IsRetired = true;
        _channels.TryRemove(new KeyValuePair<long, RedisNodeChannel>(channel.NodeId, channel));
    }
}
