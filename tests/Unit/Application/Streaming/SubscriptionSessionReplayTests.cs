using FluentAssertions;
using Tiled.Application.Abstractions;
using Tiled.Application.Streaming.Subscriptions;
using Xunit;

namespace Tiled.UnitTests.Application.Streaming;

/// <summary>Opening a session and replaying history from <c>start</c>.</summary>
public sealed class SubscriptionSessionReplayTests : SubscriptionSessionTestBase
{
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
        Clock.Advance(TimeSpan.FromSeconds(11));
        var reader = await ReadAsync(cache, start: 2);

        await AppendAsync(cache, 1);

        (await reader.TakeAsync(2)).Should().Equal("gap 2-3", "4");
    }

    [Fact]
    public async Task Start_0_after_every_entry_expired_reports_no_gap()
    {
        var cache = CreateCache(new StreamCacheOptions { DataTtlSeconds = 10 });
        await AppendAsync(cache, 3);
        Clock.Advance(TimeSpan.FromSeconds(11));
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
    public async Task The_reader_subscribes_between_two_counter_reads_and_a_session_with_start_reads_the_counter_after_it()
    {
        var cache = new ObservedStreamCache(CreateCache());

        await ReadAsync(cache, start: 1);

        cache.Calls.Should().Equal("current", "subscribe", "current", "current");
    }

    [Fact]
    public async Task A_live_only_session_reads_nothing_of_its_own()
    {
        var cache = new ObservedStreamCache(CreateCache());

        await ReadAsync(cache, start: null);

        cache.Calls.Should().Equal("current", "subscribe", "current");
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
    public async Task A_negative_start_is_refused()
    {
        var cache = CreateCache();

        await FluentActions.Invoking(() => SubscriptionSession.OpenAsync(cache, Node, -1, 0, CancellationToken.None))
            .Should().ThrowAsync<ArgumentOutOfRangeException>();
    }
}
