using FluentAssertions;
using Tiled.Application.Abstractions;
using Tiled.Application.Streaming.Subscriptions;
using Xunit;

namespace Tiled.UnitTests.Application.Streaming;

/// <summary>Live delivery through a <see cref="LiveFeedReader"/>: ordering, jumps, restarts, end of stream, lost feeds.</summary>
public sealed class SubscriptionSessionLiveTests : SubscriptionSessionTestBase
{
    [Fact]
    public async Task A_live_only_session_delivers_what_is_appended_after_it_opened_and_nothing_before()
    {
        var cache = CreateCache();
        await AppendAsync(cache, 2);
        var reader = await ReadAsync(cache, start: null);

        await AppendAsync(cache, 2);

        (await reader.TakeAsync(2)).Should().Equal("3", "4");
    }

    [Fact]
    public async Task A_notification_that_skips_numbers_loads_the_skipped_entries_first()
    {
        var cache = new ObservedStreamCache(CreateCache(), scriptFeeds: true);
        await AppendAsync(cache, 1);
        var reader = await ReadAsync(cache, start: 1);
        await AppendAsync(cache, 3);

        cache.Feed.Notify(4);

        (await reader.TakeAsync(4)).Should().Equal("1", "2", "3", "4");
    }

    [Fact]
    public async Task Skipped_numbers_that_are_no_longer_retained_are_reported_as_a_gap()
    {
        var cache = new ObservedStreamCache(CreateCache(new StreamCacheOptions { MaxEntriesPerNode = 2 }), scriptFeeds: true);
        await AppendAsync(cache, 1);
        var reader = await ReadAsync(cache, start: 1);
        (await reader.TakeAsync(1)).Should().Equal("1");
        await AppendAsync(cache, 4);

        cache.Feed.Notify(5);

        (await reader.TakeAsync(3)).Should().Equal("gap 2-3", "4", "5");
    }

    [Fact]
    public async Task A_notified_entry_that_expired_before_it_was_loaded_is_reported_as_a_gap()
    {
        var cache = new ObservedStreamCache(CreateCache(new StreamCacheOptions { DataTtlSeconds = 10 }), scriptFeeds: true);
        var reader = await ReadAsync(cache, start: null);
        await AppendAsync(cache, 1);
        Clock.Advance(TimeSpan.FromSeconds(11));
        await AppendAsync(cache, 1);

        cache.Feed.Notify(1, 2);

        (await reader.TakeAsync(2)).Should().Equal("gap 1-1", "2");
    }

    [Fact]
    public async Task A_counter_restart_seen_live_is_reported_as_a_reset_and_the_new_numbering_is_delivered_from_1()
    {
        var cache = CreateCache(new StreamCacheOptions { SeqTtlSeconds = 10 });
        var reader = await ReadAsync(cache, start: null);
        await AppendAsync(cache, 2);
        (await reader.TakeAsync(2)).Should().Equal("1", "2");
        Clock.Advance(TimeSpan.FromSeconds(11));

        await AppendAsync(cache, 2);

        (await reader.TakeAsync(3)).Should().Equal("reset after 2", "1", "2");
    }

    [Fact]
    public async Task A_counter_restart_after_a_replay_without_live_notifications_is_still_recognized()
    {
        var cache = CreateCache(new StreamCacheOptions { SeqTtlSeconds = 10 });
        await AppendAsync(cache, 3);
        var reader = await ReadAsync(cache, start: 1);
        (await reader.TakeAsync(3)).Should().Equal("1", "2", "3");
        Clock.Advance(TimeSpan.FromSeconds(11));

        await AppendAsync(cache, 1);

        (await reader.TakeAsync(2)).Should().Equal("reset after 3", "1");
    }

    [Fact]
    public async Task A_restart_whose_first_notification_was_missed_delivers_the_new_numbering_from_1()
    {
        var cache = new ObservedStreamCache(CreateCache(new StreamCacheOptions { SeqTtlSeconds = 10 }), scriptFeeds: true);
        var reader = await ReadAsync(cache, start: null);
        await AppendAsync(cache, 3);
        cache.Feed.Notify(1, 2, 3);
        (await reader.TakeAsync(3)).Should().Equal("1", "2", "3");
        Clock.Advance(TimeSpan.FromSeconds(11));
        await AppendAsync(cache, 2);

        cache.Feed.Notify(2);

        (await reader.TakeAsync(3)).Should().Equal("reset after 3", "1", "2");
    }

    [Fact]
    public async Task An_end_of_stream_marker_met_live_ends_the_session_without_being_yielded()
    {
        var cache = CreateCache();
        var reader = await ReadAsync(cache, start: null);
        await AppendAsync(cache, 1);

        await CloseAsync(cache);

        (await reader.TakeAsync(1)).Should().Equal("1");
        await reader.EndsAsync();
    }

    [Fact]
    public async Task Entries_after_a_live_marker_are_not_delivered()
    {
        var cache = new ObservedStreamCache(CreateCache(), scriptFeeds: true);
        var reader = await ReadAsync(cache, start: 0);
        await AppendAsync(cache, 1);
        await CloseAsync(cache);
        await AppendAsync(cache, 1);

        cache.Feed.Notify(1, 3);

        (await reader.TakeAsync(1)).Should().Equal("1");
        await reader.EndsAsync();
    }

    [Fact]
    public async Task A_lost_live_feed_ends_the_session_with_LiveFeedLostException()
    {
        var cache = new ObservedStreamCache(CreateCache(), scriptFeeds: true);
        var reader = await ReadAsync(cache, start: null);

        cache.Feed.Fail(new LiveFeedLostException("redis went away"));

        await reader.Invoking(r => r.MoveAsync()).Should().ThrowAsync<LiveFeedLostException>().WithMessage("redis went away");
    }

    [Fact]
    public async Task Entries_notified_before_the_feed_was_lost_are_delivered_first()
    {
        var cache = new ObservedStreamCache(CreateCache(), scriptFeeds: true);
        var reader = await ReadAsync(cache, start: null);
        await AppendAsync(cache, 1);

        cache.Feed.Notify(1);
        cache.Feed.Fail(new LiveFeedLostException("lost"));

        (await reader.TakeAsync(1)).Should().Equal("1");
        await reader.Invoking(r => r.MoveAsync()).Should().ThrowAsync<LiveFeedLostException>();
    }

    [Fact]
    public async Task A_live_feed_that_simply_ends_counts_as_lost()
    {
        var cache = new ObservedStreamCache(CreateCache(), scriptFeeds: true);
        var reader = await ReadAsync(cache, start: null);

        cache.Feed.End();

        await reader.Invoking(r => r.MoveAsync()).Should().ThrowAsync<LiveFeedLostException>();
    }

    [Fact]
    public async Task Disposing_the_reader_unsubscribes_from_the_live_feed()
    {
        var cache = new ObservedStreamCache(CreateCache(), scriptFeeds: true);
        var reader = await LiveFeedReader.OpenAsync(cache, Node, CancellationToken.None);

        await reader.DisposeAsync();

        cache.Feed.Disposed.Should().BeTrue();
    }

    [Fact]
    public async Task Cancelling_the_read_ends_it_with_OperationCanceledException()
    {
        var reader = await OpenReaderAsync(CreateCache());
        using var cancel = new CancellationTokenSource();
        var move = reader.ReadAsync(cancel.Token).GetAsyncEnumerator(cancel.Token).MoveNextAsync().AsTask();

        await cancel.CancelAsync();

        await move.Invoking(m => m.WaitAsync(TimeSpan.FromSeconds(5))).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task A_live_feed_reader_can_be_read_only_once()
    {
        var reader = await OpenReaderAsync(CreateCache());
        using var cancel = new CancellationTokenSource();
        var first = reader.ReadAsync(cancel.Token).GetAsyncEnumerator(cancel.Token);
        var pending = first.MoveNextAsync().AsTask();

        var second = reader.ReadAsync().GetAsyncEnumerator();

        await second.Invoking(e => e.MoveNextAsync().AsTask()).Should().ThrowAsync<InvalidOperationException>();
        await cancel.CancelAsync();
        await pending.Invoking(p => p.WaitAsync(TimeSpan.FromSeconds(5))).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task Notifications_queued_together_are_loaded_as_one_range()
    {
        var cache = new ObservedStreamCache(CreateCache(), scriptFeeds: true);
        var reader = await ReadAsync(cache, start: null);
        await AppendAsync(cache, 3);

        cache.Feed.Notify(1, 2, 3);

        (await reader.TakeAsync(3)).Should().Equal("1", "2", "3");
        cache.RangeReads.Should().Be(1);
    }

    [Fact]
    public async Task Other_nodes_entries_are_never_delivered()
    {
        var cache = CreateCache();
        var reader = await ReadAsync(cache, start: 0);

        await cache.AppendAsync(Node + 1, Message, new byte[1], CancellationToken.None);
        await AppendAsync(cache, 1);

        var item = await reader.NextAsync();
        item.Should().BeOfType<SubscriptionEntry>().Which.Entry.Sequence.Should().Be(1);
        ((SubscriptionEntry)item).Entry.Payload.Length.Should().Be(1);
    }
}
