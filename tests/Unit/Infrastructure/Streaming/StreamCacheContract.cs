using System.Text;
using FluentAssertions;
using Tiled.Application.Abstractions;
using Xunit;

namespace Tiled.UnitTests.Infrastructure.Streaming;

/// <summary>
/// What every <see cref="IStreamCache"/> must do. Runs against the in-memory cache here and
/// against Redis in the integration tests, so the two cannot drift apart.
/// </summary>
public abstract class StreamCacheContract
{
    protected static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    protected static StreamCacheOptions Defaults { get; } = new() { DataTtlSeconds = 60, SeqTtlSeconds = 120 };

    protected static byte[] Marker { get; } = Encoding.UTF8.GetBytes("""{"timestamp":"2025-01-01T00:00:00","end_of_stream":true}""");

    /// <summary>A fresh, empty cache; the contract disposes it after the test.</summary>
    protected abstract Task<IStreamCache> CreateAsync(StreamCacheOptions options);

    /// <summary>Lets <paramref name="duration"/> pass on the cache's clock (fake or real).</summary>
    protected abstract Task LetTimePassAsync(TimeSpan duration);

    /// <summary>False when the backing service is missing and the test should end without verdict.</summary>
    protected virtual Task<bool> IsAvailableAsync() => Task.FromResult(true);

    [Fact]
    public Task Sequences_start_at_1_and_grow_by_1() => RunAsync(Defaults, async cache =>
    {
        var numbers = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            numbers.Add(await AppendAsync(cache, 1, i));
        }

        numbers.Should().Equal(1, 2, 3, 4, 5);
    });

    [Fact]
    public Task Each_node_has_its_own_numbering() => RunAsync(Defaults, async cache =>
    {
        await AppendAsync(cache, 1, 0);
        await AppendAsync(cache, 1, 1);

        (await AppendAsync(cache, 2, 0)).Should().Be(1);
        (await AppendAsync(cache, 1, 2)).Should().Be(3);
        (await cache.CurrentSequenceAsync(2, default)).Should().Be(1);
    });

    [Fact]
    public Task Current_sequence_is_0_for_a_node_without_a_stream() => RunAsync(Defaults, async cache =>
        (await cache.CurrentSequenceAsync(42, default)).Should().Be(0));

    [Fact]
    public Task Current_sequence_is_the_last_number_given() => RunAsync(Defaults, async cache =>
    {
        for (var i = 0; i < 3; i++)
        {
            await AppendAsync(cache, 7, i);
        }

        (await cache.CurrentSequenceAsync(7, default)).Should().Be(3);
    });

    [Fact]
    public Task Get_range_returns_entries_in_order_with_metadata_and_payload_intact() => RunAsync(Defaults, async cache =>
    {
        for (var i = 0; i < 4; i++)
        {
            await AppendAsync(cache, 1, i);
        }

        var entries = await cache.GetRangeAsync(1, 1, 4, default);

        entries.Select(e => e.Sequence).Should().Equal(1, 2, 3, 4);
        for (var i = 0; i < 4; i++)
        {
            Encoding.UTF8.GetString(entries[i].MetadataJson.Span).Should().Be(Metadata(i));
            entries[i].Payload.ToArray().Should().Equal(Payload(i));
        }
    });

    [Fact]
    public Task Get_range_returns_only_the_numbers_asked_for() => RunAsync(Defaults, async cache =>
    {
        for (var i = 0; i < 5; i++)
        {
            await AppendAsync(cache, 1, i);
        }

        (await cache.GetRangeAsync(1, 2, 3, default)).Select(e => e.Sequence).Should().Equal(2, 3);
        (await cache.GetRangeAsync(1, 0, 2, default)).Select(e => e.Sequence).Should().Equal(1, 2);
        (await cache.GetRangeAsync(1, 4, 100, default)).Select(e => e.Sequence).Should().Equal(4, 5);
        (await cache.GetRangeAsync(1, 6, 10, default)).Should().BeEmpty();
        (await cache.GetRangeAsync(1, 3, 2, default)).Should().BeEmpty();
        (await cache.GetRangeAsync(9, 1, 10, default)).Should().BeEmpty();
    });

    [Fact]
    public Task An_empty_payload_round_trips_as_empty() => RunAsync(Defaults, async cache =>
    {
        await cache.AppendAsync(1, Encoding.UTF8.GetBytes("""{"type":"x"}"""), ReadOnlyMemory<byte>.Empty, default);

        var entry = (await cache.GetRangeAsync(1, 1, 1, default)).Single();

        entry.Payload.Length.Should().Be(0);
        Encoding.UTF8.GetString(entry.MetadataJson.Span).Should().Be("""{"type":"x"}""");
    });

    [Fact]
    public Task The_cache_keeps_its_own_copy_of_the_bytes_it_was_given() => RunAsync(Defaults, async cache =>
    {
        var metadata = Encoding.UTF8.GetBytes(Metadata(0));
        var payload = Payload(0);
        await cache.AppendAsync(1, metadata, payload, default);

        metadata.AsSpan().Clear();
        payload.AsSpan().Clear();

        var entry = (await cache.GetRangeAsync(1, 1, 1, default)).Single();
        Encoding.UTF8.GetString(entry.MetadataJson.Span).Should().Be(Metadata(0));
        entry.Payload.ToArray().Should().Equal(Payload(0));
    });

    [Fact]
    public Task Close_appends_a_marker_that_takes_the_next_number() => RunAsync(Defaults, async cache =>
    {
        await AppendAsync(cache, 1, 0);
        await AppendAsync(cache, 1, 1);

        var closed = await cache.CloseAsync(1, Marker, default);

        closed.Should().Be(3);
        (await cache.CurrentSequenceAsync(1, default)).Should().Be(3);
        var marker = (await cache.GetRangeAsync(1, 3, 3, default)).Single();
        marker.MetadataJson.ToArray().Should().Equal(Marker);
        marker.Payload.Length.Should().Be(0);
    });

    [Fact]
    public Task Appending_after_a_close_continues_the_numbering() => RunAsync(Defaults, async cache =>
    {
        await AppendAsync(cache, 1, 0);
        await cache.CloseAsync(1, Marker, default);

        (await AppendAsync(cache, 1, 1)).Should().Be(3);
    });

    [Fact]
    public Task A_feed_receives_the_numbers_appended_after_it_subscribed_in_order() => RunAsync(Defaults, async cache =>
    {
        await AppendAsync(cache, 1, 0);
        await using var feed = await cache.SubscribeAsync(1, default);

        for (var i = 1; i <= 5; i++)
        {
            await AppendAsync(cache, 1, i);
        }

        await cache.CloseAsync(1, Marker, default);
        (await ReadAsync(feed, 6)).Should().Equal(2, 3, 4, 5, 6, 7);
    });

    [Fact]
    public Task Concurrent_appenders_get_distinct_numbers_delivered_in_order_to_every_feed() => RunAsync(Defaults, async cache =>
    {
        const int writers = 8;
        const int appendsEach = 200;
        const int total = writers * appendsEach;
        await using var first = await cache.SubscribeAsync(1, default);
        await using var second = await cache.SubscribeAsync(1, default);
        var reading = new[] { ReadAsync(first, total), ReadAsync(second, total) };

        var given = await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var mine = new List<long>(appendsEach);
            for (var i = 0; i < appendsEach; i++)
            {
                mine.Add(await AppendAsync(cache, 1, (w * appendsEach) + i));
            }

            return mine;
        })));

        var expected = Enumerable.Range(1, total).Select(n => (long)n).ToList();
        given.SelectMany(g => g).Order().Should().Equal(expected);
        foreach (var received in await Task.WhenAll(reading))
        {
            received.Should().Equal(expected);
        }

        var entries = await cache.GetRangeAsync(1, 1, total, default);
        entries.Select(e => e.Sequence).Should().Equal(expected);
    });

    [Fact]
    public Task Feeds_receive_only_their_own_node() => RunAsync(Defaults, async cache =>
    {
        await using var one = await cache.SubscribeAsync(1, default);
        await using var two = await cache.SubscribeAsync(2, default);

        await AppendAsync(cache, 1, 0);
        await AppendAsync(cache, 1, 1);
        await AppendAsync(cache, 2, 0);
        await AppendAsync(cache, 1, 2);

        (await ReadAsync(one, 3)).Should().Equal(1, 2, 3);
        (await ReadAsync(two, 1)).Should().Equal(1);
        await AppendAsync(cache, 2, 1);
        (await ReadAsync(two, 1)).Should().Equal(2);
        one.Sequences.TryRead(out _).Should().BeFalse();
    });

    [Fact]
    public Task A_disposed_feed_completes_and_receives_nothing_more() => RunAsync(Defaults, async cache =>
    {
        var leaving = await cache.SubscribeAsync(1, default);
        await using var staying = await cache.SubscribeAsync(1, default);
        await AppendAsync(cache, 1, 0);
        (await ReadAsync(leaving, 1)).Should().Equal(1);

        await leaving.DisposeAsync();
        await AppendAsync(cache, 1, 1);

        (await ReadAsync(staying, 2)).Should().Equal(1, 2);
        await leaving.Sequences.Completion.WaitAsync(Deadline);
        leaving.Sequences.TryRead(out _).Should().BeFalse();
    });

    [Fact]
    public Task A_node_can_be_subscribed_again_after_its_last_feed_left() => RunAsync(Defaults, async cache =>
    {
        var first = await cache.SubscribeAsync(1, default);
        await first.DisposeAsync();

        await using var again = await cache.SubscribeAsync(1, default);
        await AppendAsync(cache, 1, 0);

        (await ReadAsync(again, 1)).Should().Equal(1);
    });

    [Fact]
    public Task Entries_vanish_after_the_data_ttl_while_the_counter_stays() => RunAsync(
        new StreamCacheOptions { DataTtlSeconds = 1, SeqTtlSeconds = 60 },
        async cache =>
        {
            await AppendAsync(cache, 1, 0);
            await AppendAsync(cache, 1, 1);

            await LetTimePassAsync(TimeSpan.FromSeconds(1.2));

            (await cache.GetRangeAsync(1, 1, 2, default)).Should().BeEmpty();
            (await cache.CurrentSequenceAsync(1, default)).Should().Be(2);
            (await AppendAsync(cache, 1, 2)).Should().Be(3);
        });

    [Fact]
    public Task Numbering_restarts_at_1_after_the_seq_ttl_without_appends() => RunAsync(
        new StreamCacheOptions { DataTtlSeconds = 60, SeqTtlSeconds = 1 },
        async cache =>
        {
            await AppendAsync(cache, 1, 0);
            await AppendAsync(cache, 1, 1);

            await LetTimePassAsync(TimeSpan.FromSeconds(1.2));

            (await cache.CurrentSequenceAsync(1, default)).Should().Be(0);
            (await cache.AppendAsync(1, Encoding.UTF8.GetBytes("{}"), ReadOnlyMemory<byte>.Empty, default)).Should().Be(1);
            // Entries of the earlier numbering are not shown, nor mixed into the new entry 1.
            var entries = await cache.GetRangeAsync(1, 0, 10, default);
            entries.Select(e => e.Sequence).Should().Equal(1);
            entries[0].Payload.Length.Should().Be(0);
            Encoding.UTF8.GetString(entries[0].MetadataJson.Span).Should().Be("{}");
        });

    [Fact]
    public Task After_a_close_the_counter_lives_data_ttl_plus_1_second() => RunAsync(
        new StreamCacheOptions { DataTtlSeconds = 1, SeqTtlSeconds = 60 },
        async cache =>
        {
            await AppendAsync(cache, 1, 0);
            await cache.CloseAsync(1, Marker, default);

            await LetTimePassAsync(TimeSpan.FromSeconds(1.2));
            (await cache.CurrentSequenceAsync(1, default)).Should().Be(2);
            (await cache.GetRangeAsync(1, 1, 2, default)).Should().BeEmpty();

            await LetTimePassAsync(TimeSpan.FromSeconds(1));
            (await cache.CurrentSequenceAsync(1, default)).Should().Be(0);
            (await AppendAsync(cache, 1, 1)).Should().Be(1);
        });

    [Fact]
    public Task Removing_a_stream_forgets_its_entries_and_counter_and_no_other_node_s() => RunAsync(Defaults, async cache =>
    {
        for (var i = 0; i < 3; i++)
        {
            await AppendAsync(cache, 1, i);
        }

        await AppendAsync(cache, 2, 0);

        await cache.RemoveAsync(1, default);

        (await cache.CurrentSequenceAsync(1, default)).Should().Be(0);
        (await cache.GetRangeAsync(1, 1, 3, default)).Should().BeEmpty();
        (await cache.CurrentSequenceAsync(2, default)).Should().Be(1);
        (await cache.GetRangeAsync(2, 1, 1, default)).Should().ContainSingle();
    });

    [Fact]
    public Task A_removed_stream_starts_again_at_1_with_none_of_its_old_entries() => RunAsync(Defaults, async cache =>
    {
        await AppendAsync(cache, 1, 0);
        await cache.CloseAsync(1, Marker, default);
        await cache.RemoveAsync(1, default);

        (await AppendAsync(cache, 1, 5)).Should().Be(1);
        await cache.CloseAsync(1, Marker, default);

        var entries = await cache.GetRangeAsync(1, 1, 10, default);
        entries.Select(e => e.Sequence).Should().Equal(1, 2);
        Encoding.UTF8.GetString(entries[0].MetadataJson.Span).Should().Be(Metadata(5));
        entries[0].Payload.ToArray().Should().Equal(Payload(5));
    });

    [Fact]
    public Task Removing_a_stream_that_never_started_does_nothing() => RunAsync(Defaults, async cache =>
    {
        await cache.RemoveAsync(42, default);

        (await cache.CurrentSequenceAsync(42, default)).Should().Be(0);
    });

    [Fact]
    public Task A_live_feed_of_a_removed_stream_hears_of_later_appends() => RunAsync(Defaults, async cache =>
    {
        await AppendAsync(cache, 1, 0);
        await using var feed = await cache.SubscribeAsync(1, default);

        await cache.RemoveAsync(1, default);
        await AppendAsync(cache, 1, 1);

        (await ReadAsync(feed, 1)).Should().Equal(1);
    });

    protected static string Metadata(int i) => $$"""{"type":"array-patch","i":{{i}}}""";

    protected static byte[] Payload(int i) => i % 3 == 2 ? [] : Enumerable.Range(0, 16 + i).Select(b => (byte)(b ^ i)).ToArray();

    protected static Task<long> AppendAsync(IStreamCache cache, long nodeId, int i) =>
        cache.AppendAsync(nodeId, Encoding.UTF8.GetBytes(Metadata(i)), Payload(i), default);

    /// <summary>Reads exactly <paramref name="count"/> numbers, failing after <see cref="Deadline"/>.</summary>
    protected static async Task<List<long>> ReadAsync(ILiveFeed feed, int count)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        var received = new List<long>(count);
        while (received.Count < count)
        {
            received.Add(await feed.Sequences.ReadAsync(timeout.Token));
        }

        return received;
    }

    /// <summary>Creates a cache, runs <paramref name="test"/> on it and disposes it, unless the backing service is missing.</summary>
    protected async Task RunAsync(StreamCacheOptions options, Func<IStreamCache, Task> test)
    {
        if (!await IsAvailableAsync())
        {
            return;
        }

        var cache = await CreateAsync(options);
        try
        {
            await test(cache);
        }
        finally
        {
            switch (cache)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }
}
