using FluentAssertions;
using Tiled.Application.Abstractions;
using Tiled.Infrastructure.Streaming;
using Tiled.UnitTests.TestKit;
using Xunit;

namespace Tiled.UnitTests.Infrastructure.Streaming;

public sealed class InMemoryStreamCacheTests : IDisposable
{
    private static readonly byte[] Metadata = "{}"u8.ToArray();

    private readonly ManualTimeProvider _clock = new();
    private readonly List<InMemoryStreamCache> _caches = [];

    public void Dispose()
    {
        foreach (var cache in _caches)
        {
            cache.Dispose();
        }
    }

    [Fact]
    public async Task A_frozen_payload_is_kept_without_a_copy_and_any_other_is_copied()
    {
        var cache = Create(new StreamCacheOptions());
        var frozen = new byte[] { 1, 2, 3 };
        var other = new byte[] { 4, 5, 6 };

        await cache.AppendAsync(1, Metadata, StreamPayload.Own(frozen), default);
        await cache.AppendAsync(1, Metadata, other, default);

        var entries = await cache.GetRangeAsync(1, 1, 2, default);
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(entries[0].Payload, out var kept).Should().BeTrue();
        kept.Array.Should().BeSameAs(frozen);
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(entries[1].Payload, out var copied).Should().BeTrue();
        copied.Array.Should().NotBeSameAs(other).And.Equal(4, 5, 6);
    }

    [Fact]
    public async Task The_per_node_bound_evicts_that_nodes_oldest_entries_only()
    {
        var cache = Create(new StreamCacheOptions { MaxEntriesPerNode = 3 });
        await AppendAsync(cache, 2, payloadBytes: 1);

        for (var i = 0; i < 5; i++)
        {
            await AppendAsync(cache, 1, payloadBytes: 1);
        }

        (await SequencesAsync(cache, 1)).Should().Equal(3, 4, 5);
        (await SequencesAsync(cache, 2)).Should().Equal(1);
    }

    [Fact]
    public async Task The_byte_bound_evicts_the_oldest_entries_of_the_whole_cache_first()
    {
        var cache = Create(new StreamCacheOptions { MaxTotalBytes = 3 * (Metadata.Length + 10) });
        await AppendAsync(cache, 1, payloadBytes: 10);
        await AppendAsync(cache, 2, payloadBytes: 10);
        await AppendAsync(cache, 1, payloadBytes: 10);

        await AppendAsync(cache, 2, payloadBytes: 10);

        (await SequencesAsync(cache, 1)).Should().Equal(2);
        (await SequencesAsync(cache, 2)).Should().Equal(1, 2);
        cache.Usage().Bytes.Should().Be(3 * (Metadata.Length + 10));
    }

    [Fact]
    public async Task Eviction_never_resets_a_counter()
    {
        var cache = Create(new StreamCacheOptions { MaxEntriesPerNode = 2, MaxTotalBytes = 100 });
        for (var i = 0; i < 10; i++)
        {
            await AppendAsync(cache, 1, payloadBytes: 40);
            await AppendAsync(cache, 2, payloadBytes: 40);
        }

        (await cache.CurrentSequenceAsync(1, default)).Should().Be(10);
        (await AppendAsync(cache, 1, payloadBytes: 1)).Should().Be(11);
        (await AppendAsync(cache, 2, payloadBytes: 1)).Should().Be(11);
    }

    [Fact]
    public async Task An_entry_larger_than_the_byte_bound_is_kept_until_the_next_append()
    {
        var cache = Create(new StreamCacheOptions { MaxTotalBytes = 50 });
        await AppendAsync(cache, 1, payloadBytes: 10);

        await AppendAsync(cache, 1, payloadBytes: 100);
        (await SequencesAsync(cache, 1)).Should().Equal(2);

        await AppendAsync(cache, 2, payloadBytes: 10);
        (await SequencesAsync(cache, 1)).Should().BeEmpty();
        (await SequencesAsync(cache, 2)).Should().Equal(1);
    }

    [Fact]
    public async Task Expired_entries_are_freed_by_the_next_call()
    {
        var cache = Create(new StreamCacheOptions { DataTtlSeconds = 10 });
        await AppendAsync(cache, 1, payloadBytes: 1000);
        await AppendAsync(cache, 2, payloadBytes: 1000);

        _clock.Advance(TimeSpan.FromSeconds(10));
        await cache.CurrentSequenceAsync(3, default);

        cache.Usage().Entries.Should().Be(0);
        cache.Usage().Bytes.Should().Be(0);
    }

    [Fact]
    public async Task Expired_entries_are_freed_by_the_timer_without_any_call()
    {
        var cache = Create(new StreamCacheOptions { DataTtlSeconds = 10 });
        await AppendAsync(cache, 1, payloadBytes: 1000);

        _clock.Advance(TimeSpan.FromMinutes(1));

        cache.Usage().Bytes.Should().Be(0);
    }

    [Fact]
    public async Task An_idle_node_is_dropped_once_its_counter_expired()
    {
        var cache = Create(new StreamCacheOptions { DataTtlSeconds = 10, SeqTtlSeconds = 20 });
        await AppendAsync(cache, 1, payloadBytes: 1);
        await AppendAsync(cache, 2, payloadBytes: 1);
        _clock.Advance(TimeSpan.FromSeconds(15));
        await AppendAsync(cache, 2, payloadBytes: 1);

        _clock.Advance(TimeSpan.FromSeconds(10));
        cache.Sweep();

        cache.Usage().Nodes.Should().Be(1);
        (await cache.CurrentSequenceAsync(2, default)).Should().Be(2);
    }

    [Fact]
    public async Task A_node_with_a_live_feed_is_kept_and_still_notified_after_its_counter_expired()
    {
        var cache = Create(new StreamCacheOptions { DataTtlSeconds = 10, SeqTtlSeconds = 20 });
        await using var feed = await cache.SubscribeAsync(1, default);
        await AppendAsync(cache, 1, payloadBytes: 1);
        _clock.Advance(TimeSpan.FromMinutes(5));
        cache.Sweep();

        cache.Usage().Nodes.Should().Be(1);
        await AppendAsync(cache, 1, payloadBytes: 1);

        feed.Sequences.TryRead(out var first).Should().BeTrue();
        feed.Sequences.TryRead(out var second).Should().BeTrue();
        (first, second).Should().Be((1L, 1L));
    }

    [Fact]
    public async Task Disposing_the_last_feed_of_an_unused_node_drops_the_node()
    {
        var cache = Create(new StreamCacheOptions());
        var feed = await cache.SubscribeAsync(1, default);

        await feed.DisposeAsync();

        cache.Usage().Nodes.Should().Be(0);
    }

    [Theory]
    [InlineData(0, 10, 10, 10L)]
    [InlineData(10, 0, 10, 10L)]
    [InlineData(10, 10, 0, 10L)]
    [InlineData(10, 10, 10, 0L)]
    public void Options_below_1_are_rejected(int dataTtl, int seqTtl, int maxEntries, long maxBytes)
    {
        var options = new StreamCacheOptions { DataTtlSeconds = dataTtl, SeqTtlSeconds = seqTtl, MaxEntriesPerNode = maxEntries, MaxTotalBytes = maxBytes };

        var create = () => new InMemoryStreamCache(options, _clock);

        create.Should().Throw<ArgumentOutOfRangeException>();
    }

    private InMemoryStreamCache Create(StreamCacheOptions options)
    {
        var cache = new InMemoryStreamCache(options, _clock);
        _caches.Add(cache);
        return cache;
    }

    private static Task<long> AppendAsync(InMemoryStreamCache cache, long nodeId, int payloadBytes) =>
        cache.AppendAsync(nodeId, Metadata, new byte[payloadBytes], default);

    private static async Task<IEnumerable<long>> SequencesAsync(InMemoryStreamCache cache, long nodeId) =>
        (await cache.GetRangeAsync(nodeId, 0, long.MaxValue, default)).Select(e => e.Sequence);
}
