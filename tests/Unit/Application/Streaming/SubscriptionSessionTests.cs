using FluentAssertions;
using Tiled.Application.Abstractions;
using Tiled.Application.Streaming.Subscriptions;
using Tiled.Infrastructure.Streaming;
using Tiled.UnitTests.TestKit;
using Xunit;

namespace Tiled.UnitTests.Application.Streaming;

public sealed class SubscriptionSessionTests : IAsyncDisposable
{
    private const long Node = 7;

    private static readonly byte[] Message =
        """{"type":"array-data","timestamp":"2025-01-01T00:00:00.000000+00:00","mimetype":"application/octet-stream","shape":[1],"offset":null,"block":null}"""u8.ToArray();

    private static readonly byte[] Marker = """{"timestamp":"2025-01-01T00:00:00.000000+00:00","end_of_stream":true}"""u8.ToArray();

    private readonly ManualTimeProvider _clock = new();
    private readonly List<InMemoryStreamCache> _caches = [];
    private readonly List<IAsyncDisposable> _disposables = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var disposable in Enumerable.Reverse(_disposables))
        {
            await disposable.DisposeAsync();
        }

        foreach (var cache in _caches)
        {
            cache.Dispose();
        }
    }

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
    public async Task Start_1_replays_every_retained_entry_then_continues_live()
    {
        var cache = CreateCache();
        await AppendAsync(cache, 3);
        var reader = await ReadAsync(cache, start: 1);

        await AppendAsync(cache, 1);

        (await reader.TakeAsync(4)).Should().Equal("1", "2", "3", "4");
    }

    [Fact]
    public async Task Start_in_the_middle_replays_from_that_number()
    {
        var cache = CreateCache();
        await AppendAsync(cache, 5);
        var reader = await ReadAsync(cache, start: 4);

        await AppendAsync(cache, 1);

        (await reader.TakeAsync(3)).Should().Equal("4", "5", "6");
    }

    [Fact]
    public async Task Start_0_replays_from_the_oldest_retained_entry_without_reporting_a_gap()
    {
        var cache = CreateCache(new StreamCacheOptions { MaxEntriesPerNode = 3 });
        await AppendAsync(cache, 5);
        var reader = await ReadAsync(cache, start: 0);

        var replayed = await reader.TakeAsync(3);

        replayed.Should().Equal("3", "4", "5");
        await AppendAsync(cache, 1);
        (await reader.TakeAsync(1)).Should().Equal("6");
    }

    [Fact]
    public async Task Start_0_on_an_empty_stream_replays_nothing_and_waits_for_live_entries()
    {
        var cache = CreateCache();
        var reader = await ReadAsync(cache, start: 0);

        await AppendAsync(cache, 1);

        (await reader.TakeAsync(1)).Should().Equal("1");
    }

    [Fact]
    public async Task A_start_older_than_the_retained_history_reports_one_gap_before_the_first_retained_entry()
    {
        var cache = CreateCache(new StreamCacheOptions { MaxEntriesPerNode = 3 });
        await AppendAsync(cache, 5);
        var reader = await ReadAsync(cache, start: 1);

        var replayed = await reader.TakeAsync(4);

        replayed.Should().Equal("gap 1-2", "3", "4", "5");
    }

    [Fact]
    public async Task A_replay_whose_every_entry_expired_reports_the_whole_range_as_one_gap()
    {
        var cache = CreateCache(new StreamCacheOptions { DataTtlSeconds = 10 });
        await AppendAsync(cache, 3);
        _clock.Advance(TimeSpan.FromSeconds(11));
        var reader = await ReadAsync(cache, start: 2);

        await AppendAsync(cache, 1);

        (await reader.TakeAsync(2)).Should().Equal("gap 2-3", "4");
    }

    [Fact]
    public async Task Start_0_after_every_entry_expired_reports_no_gap()
    {
        var cache = CreateCache(new StreamCacheOptions { DataTtlSeconds = 10 });
        await AppendAsync(cache, 3);
        _clock.Advance(TimeSpan.FromSeconds(11));
        var reader = await ReadAsync(cache, start: 0);

        await AppendAsync(cache, 1);

        (await reader.TakeAsync(1)).Should().Equal("4");
    }

    [Fact]
    public async Task Start_just_after_the_counter_replays_nothing_and_delivers_the_next_entry()
    {
        var cache = CreateCache();
        await AppendAsync(cache, 2);
        var reader = await ReadAsync(cache, start: 3);

        await AppendAsync(cache, 1);

        (await reader.TakeAsync(1)).Should().Equal("3");
    }

    [Fact]
    public async Task A_start_beyond_the_counter_means_the_numbering_restarted_so_a_reset_precedes_the_new_numbering()
    {
        var cache = CreateCache();
        await AppendAsync(cache, 2);
        var reader = await ReadAsync(cache, start: 10);

        await AppendAsync(cache, 1);

        (await reader.TakeAsync(4)).Should().Equal("reset after 9", "1", "2", "3");
    }

    [Fact]
    public async Task Replay_reads_more_than_one_page_in_order()
    {
        var cache = CreateCache();
        var count = (SubscriptionSession.PageSize * 2) + 5;
        await AppendAsync(cache, count);
        var reader = await ReadAsync(cache, start: 1);

        var items = await reader.TakeAsync(count);

        items.Should().Equal(Enumerable.Range(1, count).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Replayed_items_are_flagged_as_replay_and_live_ones_are_not()
    {
        var cache = CreateCache(new StreamCacheOptions { MaxEntriesPerNode = 2 });
        await AppendAsync(cache, 3);
        var reader = await ReadAsync(cache, start: 1);
        var items = new List<SubscriptionItem> { await reader.NextAsync(), await reader.NextAsync(), await reader.NextAsync() };

        await AppendAsync(cache, 1);
        items.Add(await reader.NextAsync());

        items.Select(i => (SessionReader.Describe(i), i.FromReplay)).Should().Equal(
            ("gap 1-1", true), ("2", true), ("3", true), ("4", false));
    }

    [Fact]
    public async Task Opening_a_session_subscribes_before_it_reads_the_counter_that_bounds_the_replay()
    {
        var cache = new ObservedStreamCache(CreateCache());

        await OpenAsync(cache, start: 1);

        cache.Calls.Should().Equal("current", "subscribe", "current");
    }

    [Fact]
    public async Task Opening_a_live_only_session_only_subscribes()
    {
        var cache = new ObservedStreamCache(CreateCache());

        await OpenAsync(cache, start: null);

        cache.Calls.Should().Equal("subscribe");
    }

    [Fact]
    public async Task Entries_appended_while_the_session_opens_are_delivered_exactly_once()
    {
        var inner = CreateCache();
        await AppendAsync(inner, 2);
        var cache = new ObservedStreamCache(inner) { AfterSubscribe = () => AppendAsync(inner, 2) };
        var reader = await ReadAsync(cache, start: 1);

        await AppendAsync(inner, 1);

        (await reader.TakeAsync(5)).Should().Equal("1", "2", "3", "4", "5");
    }

    [Fact]
    public async Task Entries_appended_while_a_stream_is_created_are_delivered_exactly_once()
    {
        var inner = CreateCache();
        var cache = new ObservedStreamCache(inner) { AfterSubscribe = () => AppendAsync(inner, 2) };
        var reader = await ReadAsync(cache, start: 0);

        await AppendAsync(inner, 1);

        (await reader.TakeAsync(3)).Should().Equal("1", "2", "3");
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
        _clock.Advance(TimeSpan.FromSeconds(11));
        await AppendAsync(cache, 1);

        cache.Feed.Notify(1, 2);

        (await reader.TakeAsync(2)).Should().Equal("gap 1-1", "2");
    }

    [Fact]
    public async Task Notifications_of_entries_the_replay_already_delivered_are_dropped()
    {
        var inner = CreateCache();
        await AppendAsync(inner, 2);
        var cache = new ObservedStreamCache(inner, scriptFeeds: true) { AfterSubscribe = () => AppendAsync(inner, 2) };
        var reader = await ReadAsync(cache, start: 1);
        (await reader.TakeAsync(4)).Should().Equal("1", "2", "3", "4");
        await AppendAsync(cache, 1);

        cache.Feed.Notify(3, 4, 5);

        (await reader.TakeAsync(1)).Should().Equal("5");
    }

    [Fact]
    public async Task A_counter_restart_seen_live_is_reported_as_a_reset_and_the_new_numbering_is_delivered_from_1()
    {
        var cache = CreateCache(new StreamCacheOptions { SeqTtlSeconds = 10 });
        var reader = await ReadAsync(cache, start: null);
        await AppendAsync(cache, 2);
        (await reader.TakeAsync(2)).Should().Equal("1", "2");
        _clock.Advance(TimeSpan.FromSeconds(11));

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
        _clock.Advance(TimeSpan.FromSeconds(11));

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
        _clock.Advance(TimeSpan.FromSeconds(11));
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
    public async Task A_marker_in_the_replay_ends_the_session_after_the_whole_replay_as_Tiled_does()
    {
        var cache = CreateCache();
        await AppendAsync(cache, 1);
        await CloseAsync(cache);
        await AppendAsync(cache, 1);
        var reader = await ReadAsync(cache, start: 0);

        (await reader.TakeAsync(2)).Should().Equal("1", "3");
        await reader.EndsAsync();
    }

    [Fact]
    public async Task A_replay_that_starts_after_the_marker_does_not_end_the_session()
    {
        var cache = CreateCache();
        await AppendAsync(cache, 1);
        await CloseAsync(cache);
        await AppendAsync(cache, 1);
        var reader = await ReadAsync(cache, start: 3);

        await AppendAsync(cache, 1);

        (await reader.TakeAsync(2)).Should().Equal("3", "4");
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
    public async Task Disposing_the_session_unsubscribes_from_the_live_feed()
    {
        var cache = new ObservedStreamCache(CreateCache(), scriptFeeds: true);
        var session = await SubscriptionSession.OpenAsync(cache, Node, null, CancellationToken.None);

        await session.DisposeAsync();

        cache.Feed.Disposed.Should().BeTrue();
    }

    [Fact]
    public async Task Cancelling_the_read_ends_it_with_OperationCanceledException()
    {
        var cache = CreateCache();
        var session = await OpenAsync(cache, start: null);
        using var cancel = new CancellationTokenSource();
        var move = session.ReadAsync(cancel.Token).GetAsyncEnumerator(cancel.Token).MoveNextAsync().AsTask();

        await cancel.CancelAsync();

        await move.Invoking(m => m.WaitAsync(TimeSpan.FromSeconds(5))).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task A_session_can_be_read_only_once()
    {
        var session = await OpenAsync(CreateCache(), start: null);
        using var cancel = new CancellationTokenSource();
        var first = session.ReadAsync(cancel.Token).GetAsyncEnumerator(cancel.Token);
        var pending = first.MoveNextAsync().AsTask();

        var second = session.ReadAsync().GetAsyncEnumerator();

        await second.Invoking(e => e.MoveNextAsync().AsTask()).Should().ThrowAsync<InvalidOperationException>();
        await cancel.CancelAsync();
        await pending.Invoking(p => p.WaitAsync(TimeSpan.FromSeconds(5))).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task A_negative_start_is_refused()
    {
        var cache = CreateCache();

        await FluentActions.Invoking(() => SubscriptionSession.OpenAsync(cache, Node, -1, CancellationToken.None))
            .Should().ThrowAsync<ArgumentOutOfRangeException>();
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

    private InMemoryStreamCache CreateCache(StreamCacheOptions? options = null)
    {
        var cache = new InMemoryStreamCache(options ?? new StreamCacheOptions(), _clock);
        _caches.Add(cache);
        return cache;
    }

    private async Task<SubscriptionSession> OpenAsync(IStreamCache cache, long? start)
    {
        var session = await SubscriptionSession.OpenAsync(cache, Node, start, CancellationToken.None);
        _disposables.Add(session);
        return session;
    }

    private async Task<SessionReader> ReadAsync(IStreamCache cache, long? start)
    {
        var reader = new SessionReader(await OpenAsync(cache, start));
        _disposables.Add(reader);
        return reader;
    }

    private static async Task AppendAsync(IStreamCache cache, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await cache.AppendAsync(Node, Message, new byte[1], CancellationToken.None);
        }
    }

    private static Task CloseAsync(IStreamCache cache) => cache.CloseAsync(Node, Marker, CancellationToken.None);
}
