using FluentAssertions;
using Tiled.Application.Abstractions;
using Tiled.Application.Streaming.Subscriptions;
using Xunit;

namespace Tiled.UnitTests.Application.Streaming;

/// <summary>
/// A subscriber joins a shared live reader at some position: its replay fills exactly the numbers
/// up to there, and <see cref="SubscriptionSession.Accept"/> keeps each number once and in order.
/// </summary>
public sealed class SubscriptionSessionJoinTests : SubscriptionSessionTestBase
{
    [Fact]
    public async Task The_replay_stops_where_the_subscriber_joined_and_the_live_items_after_it_follow()
    {
        var cache = CreateCache();
        await AppendAsync(cache, 5);
        var session = await OpenAsync(cache, start: 2, liveAfter: 3);

        var replayed = await ReplayAsync(session);

        replayed.Should().Equal("2", "3");
        AcceptAll(session, Entry(4), Entry(5)).Should().Equal("4", "5");
    }

    [Fact]
    public async Task Live_items_below_the_start_are_dropped_when_the_reader_lags_behind_it()
    {
        var cache = CreateCache();
        await AppendAsync(cache, 5);
        var session = await OpenAsync(cache, start: 5, liveAfter: 2);

        (await ReplayAsync(session)).Should().BeEmpty();

        AcceptAll(session, Entry(3), Entry(4), Entry(5), Entry(6)).Should().Equal("5", "6");
    }

    [Fact]
    public async Task A_live_gap_reaching_past_the_start_is_shortened_to_the_numbers_not_yet_accounted_for()
    {
        var cache = CreateCache();
        await AppendAsync(cache, 6);
        var session = await OpenAsync(cache, start: 5, liveAfter: 2);
        await ReplayAsync(session);

        AcceptAll(session, new SubscriptionGap(3, 6, FromReplay: false)).Should().Equal("gap 5-6");
    }

    [Fact]
    public async Task A_live_reset_names_the_last_number_the_subscriber_accounted_for()
    {
        var cache = CreateCache();
        await AppendAsync(cache, 3);
        var session = await OpenAsync(cache, start: 1, liveAfter: 3);
        await ReplayAsync(session);

        AcceptAll(session, new SubscriptionReset(3, FromReplay: false), Entry(1)).Should().Equal("reset after 3", "1");
    }

    [Fact]
    public async Task A_live_only_subscriber_that_was_sent_nothing_yet_takes_a_reset_silently()
    {
        var session = await OpenAsync(CreateCache(), start: null, liveAfter: 3);

        AcceptAll(session, new SubscriptionReset(3, FromReplay: false), Entry(1)).Should().Equal("1");
    }

    [Fact]
    public async Task With_start_0_and_nothing_retained_live_gaps_up_to_the_counter_stay_quiet_like_replayed_ones()
    {
        var cache = CreateCache(new StreamCacheOptions { DataTtlSeconds = 10 });
        await AppendAsync(cache, 3);
        Clock.Advance(TimeSpan.FromSeconds(11));
        var session = await OpenAsync(cache, start: 0, liveAfter: 1);
        await ReplayAsync(session);

        AcceptAll(session, new SubscriptionGap(2, 4, FromReplay: false), Entry(5)).Should().Equal("gap 4-4", "5");
    }

    [Fact]
    public async Task A_live_marker_below_the_start_does_not_end_the_subscription()
    {
        var cache = CreateCache();
        await AppendAsync(cache, 5);
        var session = await OpenAsync(cache, start: 5, liveAfter: 2);
        await ReplayAsync(session);

        AcceptAll(session, new SubscriptionEnd(3, FromReplay: false), Entry(5), new SubscriptionEnd(6, FromReplay: false))
            .Should().Equal("5", "end at 6");
    }

    [Fact]
    public async Task A_session_can_be_replayed_only_once()
    {
        var session = await OpenAsync(CreateCache(), start: 0, liveAfter: 0);
        await ReplayAsync(session);

        await FluentActions.Invoking(() => ReplayAsync(session)).Should().ThrowAsync<InvalidOperationException>();
    }

    private static SubscriptionEntry Entry(long sequence) => new(new StreamEntry(sequence, Message, new byte[1]), FromReplay: false);

    private static Task<SubscriptionSession> OpenAsync(IStreamCache cache, long? start, long liveAfter) =>
        SubscriptionSession.OpenAsync(cache, Node, start, liveAfter, CancellationToken.None);

    private static async Task<List<string>> ReplayAsync(SubscriptionSession session)
    {
        var items = new List<string>();
        await foreach (var item in session.ReplayAsync())
        {
            items.Add(SessionReader.Describe(item));
        }

        return items;
    }

    private static List<string> AcceptAll(SubscriptionSession session, params SubscriptionItem[] items) =>
        [.. items.Select(session.Accept).OfType<SubscriptionItem>().Select(SessionReader.Describe)];
}
