using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using Tiled.Application.Abstractions;
using Tiled.Infrastructure.Streaming;
using Xunit;
using Xunit.Abstractions;

namespace Tiled.IntegrationTests.Streaming;

/// <summary>What only the Redis adapter does: Tiled's key layout, connection handling, the shared subscription.</summary>
public sealed class RedisStreamCacheTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private static readonly StreamCacheOptions Options = new() { DataTtlSeconds = 60, SeqTtlSeconds = 120 };

    private readonly string _prefix = RedisStreamCacheTestServer.UniquePrefix();
    private readonly List<IAsyncDisposable> _resources = [];
    private ConnectionMultiplexer? _direct;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var resource in Enumerable.Reverse(_resources))
        {
            await resource.DisposeAsync();
        }

        _direct?.Dispose();
    }

    [Fact]
    public async Task Connecting_to_a_closed_port_fails_fast_with_a_clear_message()
    {
        var port = ClosedPort();
        var clock = Stopwatch.StartNew();

        var connect = () => RedisStreamCache.ConnectAsync($"redis://127.0.0.1:{port}", Options, "", NullLogger<RedisStreamCache>.Instance);

        (await connect.Should().ThrowAsync<InvalidOperationException>())
            .Which.Message.Should().StartWith($"Cannot reach Redis at 127.0.0.1:{port}: ");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(6));
    }

    [Fact]
    public async Task Entries_are_stored_in_tileds_key_layout()
    {
        if (await StartAsync() is not (var cache, var db))
        {
            return;
        }

        await cache.AppendAsync(5, "{\"type\":\"a\"}"u8.ToArray(), new byte[] { 1, 2, 3 }, default);
        await cache.AppendAsync(5, "{\"type\":\"b\"}"u8.ToArray(), ReadOnlyMemory<byte>.Empty, default);

        ((string?)await db.StringGetAsync($"{_prefix}sequence:5")).Should().Be("2");
        var first = (await db.HashGetAllAsync($"{_prefix}data:5:1")).ToDictionary(f => (string?)f.Name ?? "", f => (byte[]?)f.Value);
        first.Keys.Should().BeEquivalentTo("sequence", "metadata", "payload");
        Encoding.UTF8.GetString(first["sequence"] ?? []).Should().Be("1");
        Encoding.UTF8.GetString(first["metadata"] ?? []).Should().Be("{\"type\":\"a\"}");
        first["payload"].Should().Equal(1, 2, 3);
        (await db.HashKeysAsync($"{_prefix}data:5:2")).Select(k => (string?)k).Should().BeEquivalentTo("sequence", "metadata");
        (await db.KeyTimeToLiveAsync($"{_prefix}data:5:1")).Should().BeCloseTo(TimeSpan.FromSeconds(Options.DataTtlSeconds), TimeSpan.FromSeconds(5));
        (await db.KeyTimeToLiveAsync($"{_prefix}sequence:5")).Should().BeCloseTo(TimeSpan.FromSeconds(Options.SeqTtlSeconds), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_close_shortens_the_counter_ttl_to_data_ttl_plus_1_second()
    {
        if (await StartAsync() is not (var cache, var db))
        {
            return;
        }

        await cache.AppendAsync(5, "{}"u8.ToArray(), ReadOnlyMemory<byte>.Empty, default);
        await cache.CloseAsync(5, "{\"end_of_stream\":true}"u8.ToArray(), default);

        (await db.KeyTimeToLiveAsync($"{_prefix}sequence:5")).Should().BeCloseTo(TimeSpan.FromSeconds(Options.DataTtlSeconds + 1), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Notifications_are_the_sequence_number_as_text_on_the_nodes_channel()
    {
        if (await StartAsync() is not (var cache, _))
        {
            return;
        }

        var received = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var channel = new RedisChannel($"{_prefix}notify:5", RedisChannel.PatternMode.Literal);
        await Direct.GetSubscriber().SubscribeAsync(channel, (_, message) => received.TrySetResult(message));

        await cache.AppendAsync(5, "{}"u8.ToArray(), ReadOnlyMemory<byte>.Empty, default);

        (await received.Task.WaitAsync(Deadline)).Should().Be("1");
    }

    [Fact]
    public async Task The_nodes_channel_is_unsubscribed_when_its_last_feed_leaves()
    {
        if (await StartAsync() is not (var cache, var db))
        {
            return;
        }

        var first = await cache.SubscribeAsync(5, default);
        var second = await cache.SubscribeAsync(5, default);
        (await SubscriberCountAsync(db, 5)).Should().Be(1);

        await first.DisposeAsync();
        (await SubscriberCountAsync(db, 5)).Should().Be(1);

        await second.DisposeAsync();
        (await SubscriberCountAsync(db, 5)).Should().Be(0);
    }

    [Fact]
    public async Task Get_range_reads_ranges_longer_than_one_batch()
    {
        if (await StartAsync() is not (var cache, _))
        {
            return;
        }

        var count = RedisStreamCache.ReadChunkSize + 501;
        for (var i = 0; i < count; i++)
        {
            await cache.AppendAsync(5, "{}"u8.ToArray(), BitConverter.GetBytes(i), default);
        }

        var entries = await cache.GetRangeAsync(5, 1, count, default);

        entries.Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, count).Select(n => (long)n));
        entries.Select(e => BitConverter.ToInt32(e.Payload.Span)).Should().Equal(Enumerable.Range(0, count));
    }

    [Fact]
    public async Task Losing_the_subscription_connection_ends_live_feeds_with_LiveFeedLostException()
    {
        var clientName = $"tiled-test-{Guid.NewGuid():N}";
        if (await StartAsync(clientName) is not (var cache, var db))
        {
            return;
        }

        await using var one = await cache.SubscribeAsync(5, default);
        await using var other = await cache.SubscribeAsync(6, default);

        await KillSubscriptionConnectionAsync(db, clientName);

        foreach (var feed in new[] { one, other })
        {
            var completion = () => feed.Sequences.Completion.WaitAsync(Deadline);
            await completion.Should().ThrowAsync<LiveFeedLostException>();
        }
    }

    [Fact]
    public async Task Live_feeds_work_again_once_the_subscription_connection_is_back()
    {
        var clientName = $"tiled-test-{Guid.NewGuid():N}";
        if (await StartAsync(clientName) is not (var cache, var db))
        {
            return;
        }

        await using (var lost = await cache.SubscribeAsync(5, default))
        {
            await KillSubscriptionConnectionAsync(db, clientName);
            await FluentActions.Awaiting(() => lost.Sequences.Completion.WaitAsync(Deadline)).Should().ThrowAsync<LiveFeedLostException>();
        }

        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var feed = await cache.SubscribeAsync(5, default);
                var sequence = await cache.AppendAsync(5, "{}"u8.ToArray(), ReadOnlyMemory<byte>.Empty, default);
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                (await feed.Sequences.ReadAsync(wait.Token)).Should().Be(sequence);
                return;
            }
            catch (Exception ex) when (deadline.Elapsed < Deadline && ex is RedisException or LiveFeedLostException or OperationCanceledException)
            {
                output.WriteLine($"Not back yet: {ex.GetType().Name}");
                await Task.Delay(100);
            }
        }
    }

    [Fact]
    public async Task Disposing_the_cache_ends_its_live_feeds_with_LiveFeedLostException()
    {
        if (!await RedisStreamCacheTestServer.IsAvailableAsync(output))
        {
            return;
        }

        var cache = await RedisStreamCacheTestServer.ConnectAsync(Options, _prefix);
        var feed = await cache.SubscribeAsync(5, default);

        await cache.DisposeAsync();

        await FluentActions.Awaiting(() => feed.Sequences.Completion.WaitAsync(Deadline)).Should().ThrowAsync<LiveFeedLostException>();
        await feed.DisposeAsync();
    }

    private ConnectionMultiplexer Direct => _direct ?? throw new InvalidOperationException("Not started.");

    [Fact]
    public async Task A_large_frozen_payload_is_read_back_from_memory_by_its_writer_and_from_redis_by_others()
    {
        if (await StartTwoAsync() is not (var mine, var theirs, var db))
        {
            return;
        }

        var payload = LargePayload(seed: 1);

        var sequence = await mine.AppendAsync(9, "{}"u8.ToArray(), StreamPayload.Own(payload), default);

        var fromMemory = (await mine.GetRangeAsync(9, sequence, sequence, default)).Single();
        MemoryMarshal.TryGetArray(fromMemory.Payload, out var segment).Should().BeTrue();
        segment.Array.Should().BeSameAs(payload);
        (await theirs.GetRangeAsync(9, sequence, sequence, default)).Single().Payload.ToArray().Should().Equal(payload);
        ((string?)await db.HashGetAsync($"{_prefix}data:9:{sequence}", "writer")).Should().NotBeNullOrEmpty();
        ((byte[]?)await db.HashGetAsync($"{_prefix}data:9:{sequence}", "payload")).Should().Equal(payload);
        ((long)await db.ScriptEvaluateAsync("return #redis.call('KEYS', ARGV[1])", [], [$"{_prefix}upload:*"])).Should().Be(0);
    }

    [Fact]
    public async Task A_number_reused_by_another_writer_is_read_from_redis_not_from_memory()
    {
        if (await StartTwoAsync() is not (var mine, var theirs, var db))
        {
            return;
        }

        var sequence = await mine.AppendAsync(9, "{}"u8.ToArray(), StreamPayload.Own(LargePayload(seed: 1)), default);

        // The numbering restarts (the counter expired) and another process writes the same number.
        await db.KeyDeleteAsync($"{_prefix}sequence:9");
        var reused = await theirs.AppendAsync(9, "{}"u8.ToArray(), StreamPayload.Own(LargePayload(seed: 2)), default);

        reused.Should().Be(sequence);
        (await mine.GetRangeAsync(9, sequence, sequence, default)).Single().Payload.ToArray().Should().Equal(LargePayload(seed: 2));
    }

    [Fact]
    public async Task Removing_a_stream_deletes_its_counter_and_every_entry_beyond_one_batch_and_nothing_else()
    {
        if (await StartAsync() is not (var cache, var db))
        {
            return;
        }

        var count = RedisStreamCache.ReadChunkSize + 5;
        await Task.WhenAll(Enumerable.Range(0, count).Select(_ => cache.AppendAsync(5, "{}"u8.ToArray(), new byte[] { 1 }, default)));
        await cache.AppendAsync(6, "{}"u8.ToArray(), ReadOnlyMemory<byte>.Empty, default);

        await cache.RemoveAsync(5, default);

        (await db.KeyExistsAsync($"{_prefix}sequence:5")).Should().BeFalse();
        (await db.KeyExistsAsync($"{_prefix}data:5:1")).Should().BeFalse();
        (await db.KeyExistsAsync($"{_prefix}data:5:{count}")).Should().BeFalse();
        (await db.KeyExistsAsync($"{_prefix}sequence:6")).Should().BeTrue();
        (await db.KeyExistsAsync($"{_prefix}data:6:1")).Should().BeTrue();
    }

    /// <summary>Two caches under this test's prefix, as two server processes would have, and a direct connection.</summary>
    private async Task<(RedisStreamCache Mine, RedisStreamCache Theirs, IDatabase Db)?> StartTwoAsync()
    {
        if (await StartAsync() is not (var mine, var db))
        {
            return null;
        }

        var theirs = await RedisStreamCacheTestServer.ConnectAsync(Options, _prefix, "tiled-test-other");
        _resources.Add(theirs);
        return (mine, theirs, db);
    }

    private static byte[] LargePayload(int seed) =>
        Enumerable.Range(0, RecentPayloads.MinimumBytes + 3).Select(i => (byte)(i * seed)).ToArray();

    /// <summary>A cache under this test's prefix and a direct connection to look at Redis; null when Redis is missing.</summary>
    private async Task<(RedisStreamCache Cache, IDatabase Db)?> StartAsync(string clientName = "tiled-test")
    {
        if (!await RedisStreamCacheTestServer.IsAvailableAsync(output))
        {
            return null;
        }

        var cache = await RedisStreamCacheTestServer.ConnectAsync(Options, _prefix, clientName);
        _resources.Add(cache);
        _direct = await RedisStreamCacheTestServer.ConnectDirectlyAsync();
        return (cache, _direct.GetDatabase());
    }

    private async Task<long> SubscriberCountAsync(IDatabase db, long nodeId)
    {
        var reply = (RedisResult[]?)await db.ExecuteAsync("PUBSUB", "NUMSUB", $"{_prefix}notify:{nodeId}") ?? [];
        return (long)reply[1];
    }

    /// <summary>Kills only this test's subscription connection (by client id), never other tests' ones.</summary>
    private static async Task KillSubscriptionConnectionAsync(IDatabase db, string clientName)
    {
        var server = db.Multiplexer.GetServer(db.Multiplexer.GetEndPoints().Single());
        var ids = (await server.ClientListAsync())
            .Where(client => client.ClientType == ClientType.PubSub && client.Name == clientName)
            .Select(client => client.Id)
            .ToList();
        ids.Should().ContainSingle("the cache keeps one subscription connection");
        await server.ClientKillAsync(ids[0], clientType: null, endpoint: null, skipMe: true);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
