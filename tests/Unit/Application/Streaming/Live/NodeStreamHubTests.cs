using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using Tiled.Application.Abstractions;
using Tiled.Application.Streaming.Live;
using Tiled.Infrastructure.Streaming;
using Tiled.UnitTests.Api.Streaming;
using Tiled.UnitTests.Application.Streaming;
using Tiled.UnitTests.TestKit;
using Xunit;

namespace Tiled.UnitTests.Application.Streaming.Live;

/// <summary>One live stream per node: entries loaded and encoded once, frames shared, subscribers independent.</summary>
public sealed class NodeStreamHubTests : IAsyncDisposable
{
    private const long Node = 9;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);
    private static readonly byte[] Message =
        """{"type":"array-data","timestamp":"t","mimetype":"application/octet-stream","shape":[1],"offset":null,"block":null}"""u8.ToArray();

    private readonly InMemoryStreamCache _inner = new(new StreamCacheOptions(), new ManualTimeProvider());
    private readonly List<HubSubscriber> _subscribers = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var subscriber in _subscribers)
        {
            await subscriber.DisposeAsync();
        }

        _inner.Dispose();
    }

    [Fact]
    public async Task Subscribers_are_sent_the_same_frame_bytes_loaded_from_the_cache_once()
    {
        var cache = new ObservedStreamCache(_inner);
        var hubs = Hubs(cache);
        var subscribers = new[] { await JoinAsync(hubs, cache, null), await JoinAsync(hubs, cache, null), await JoinAsync(hubs, cache, null) };

        await AppendAsync(1);

        var frames = await Task.WhenAll(subscribers.Select(s => s.NextAsync()));
        frames.Select(f => Frames.Map(f)["sequence"]).Should().AllBeEquivalentTo(1L);
        frames.Should().AllSatisfy(f => f.Data.Equals(frames[0].Data).Should().BeTrue("the bytes are shared, not copied"));
        cache.RangeReads.Should().Be(1);
    }

    [Fact]
    public async Task A_subscriber_that_stops_reading_is_cut_off_with_1013_without_delaying_the_others()
    {
        var hubs = Hubs(_inner);
        var slow = await JoinAsync(hubs, _inner, null, budgetBytes: 300);
        var fast = await JoinAsync(hubs, _inner, null);

        await AppendAsync(10);

        (await fast.SequencesAsync(10)).Should().Equal(Enumerable.Range(1, 10).Select(n => (long)n));
        (await slow.Relay.Completion.WaitAsync(Deadline)).Code.Should().Be(1013);
    }

    [Fact]
    public async Task A_subscriber_joining_mid_stream_replays_exactly_the_numbers_before_its_join_and_gets_the_rest_live()
    {
        var cache = new ObservedStreamCache(_inner, scriptFeeds: true);
        var hubs = Hubs(cache);
        var first = await JoinAsync(hubs, cache, null);
        await AppendAsync(4);
        cache.Feed.Notify(1, 2);
        (await first.SequencesAsync(2)).Should().Equal(1, 2);

        var late = await JoinAsync(hubs, cache, start: 1);
        var ahead = await JoinAsync(hubs, cache, start: 4);
        cache.Feed.Notify(3, 4);

        late.LiveAfter.Should().Be(2);
        (await late.SequencesAsync(4)).Should().Equal(1, 2, 3, 4);
        (await ahead.SequencesAsync(1)).Should().Equal(4);
        (await first.SequencesAsync(2)).Should().Equal(3, 4);
    }

    [Fact]
    public async Task Messages_handed_over_during_a_replay_are_queued_after_it_in_order()
    {
        var hubs = Hubs(_inner);
        await AppendAsync(2);
        var subscriber = await JoinAsync(hubs, _inner, start: 1, goLive: false);
        var watcher = await JoinAsync(hubs, _inner, null);

        await AppendAsync(2);
        await watcher.SequencesAsync(2);
        await subscriber.ReplayAndGoLiveAsync();

        (await subscriber.SequencesAsync(4)).Should().Equal(1, 2, 3, 4);
    }

    [Fact]
    public async Task The_last_subscriber_leaving_disposes_the_feed_and_the_hub()
    {
        var cache = new ObservedStreamCache(_inner, scriptFeeds: true);
        var hubs = Hubs(cache);
        var one = await JoinAsync(hubs, cache, null);
        var two = await JoinAsync(hubs, cache, null);

        await one.DisposeAsync();
        cache.Feed.Disposed.Should().BeFalse();
        await two.DisposeAsync();

        cache.Feed.Disposed.Should().BeTrue();
        hubs.Count.Should().Be(0);
        cache.Calls.Count(c => c == "subscribe").Should().Be(1);
    }

    [Fact]
    public async Task A_lost_feed_ends_every_subscriber_with_1012_and_the_next_one_opens_a_new_feed()
    {
        var cache = new ObservedStreamCache(_inner, scriptFeeds: true);
        var hubs = Hubs(cache);
        var subscribers = new[] { await JoinAsync(hubs, cache, null), await JoinAsync(hubs, cache, null) };

        cache.Feed.Fail(new LiveFeedLostException("redis went away"));

        foreach (var subscriber in subscribers)
        {
            (await subscriber.Relay.Completion.WaitAsync(Deadline)).Code.Should().Be(1012);
        }

        hubs.Count.Should().Be(0);
        await JoinAsync(hubs, cache, null);
        cache.Calls.Count(c => c == "subscribe").Should().Be(2);
    }

    [Fact]
    public async Task Entries_notified_before_the_feed_was_lost_are_queued_before_the_1012()
    {
        var cache = new ObservedStreamCache(_inner, scriptFeeds: true);
        var hubs = Hubs(cache);
        var subscriber = await JoinAsync(hubs, cache, start: 0, goLive: false);
        await AppendAsync(1);

        cache.Feed.Notify(1);
        cache.Feed.Fail(new LiveFeedLostException("lost"));
        await subscriber.ReplayAndGoLiveAsync();

        (await subscriber.SequencesAsync(1)).Should().Equal(1);
        (await subscriber.Relay.Completion.WaitAsync(Deadline)).Code.Should().Be(1012);
    }

    [Fact]
    public async Task A_subscriber_whose_waiting_messages_exceed_the_budget_during_its_replay_is_cut_off_with_1013()
    {
        var hubs = Hubs(_inner);
        var subscriber = await JoinAsync(hubs, _inner, start: 0, budgetBytes: 1000, goLive: false);
        var watcher = await JoinAsync(hubs, _inner, null);

        await AppendAsync(20, payloadBytes: 100);
        await watcher.SequencesAsync(20);

        (await subscriber.Relay.Completion.WaitAsync(Deadline)).Code.Should().Be(1013);
    }

    [Fact]
    public async Task The_end_of_the_stream_ends_every_live_subscriber_and_a_later_one_replays_past_it()
    {
        var hubs = Hubs(_inner);
        var subscriber = await JoinAsync(hubs, _inner, null);
        await AppendAsync(1);

        await _inner.CloseAsync(Node, """{"timestamp":"t","end_of_stream":true}"""u8.ToArray(), CancellationToken.None);
        await AppendAsync(1);

        (await subscriber.SequencesAsync(1)).Should().Equal(1);
        (await subscriber.Relay.Completion.WaitAsync(Deadline)).Code.Should().Be(1000);
        var later = await JoinAsync(hubs, _inner, start: 3);
        await AppendAsync(1);
        (await later.SequencesAsync(2)).Should().Equal(3, 4);
    }

    private static NodeStreamHubs Hubs(IStreamCache cache) => new(cache, NullLogger<NodeStreamHubs>.Instance);

    private async Task<HubSubscriber> JoinAsync(NodeStreamHubs hubs, IStreamCache cache, long? start, long budgetBytes = 1 << 20, bool goLive = true)
    {
        var subscriber = await HubSubscriber.JoinAsync(hubs, cache, Node, start, budgetBytes, goLive);
        _subscribers.Add(subscriber);
        return subscriber;
    }

    private async Task AppendAsync(int count, int payloadBytes = 8)
    {
        for (var i = 0; i < count; i++)
        {
            await _inner.AppendAsync(Node, Message, new byte[payloadBytes], CancellationToken.None);
        }
    }
}
