using FluentAssertions;
using Tiled.Client;
using Tiled.Formats.DataTypes;
using Tiled.IntegrationTests.Infrastructure;
using Tiled.IntegrationTests.Streaming.Support;
using Xunit;

namespace Tiled.IntegrationTests.Streaming;

/// <summary>
/// Ordering and exactly-once delivery under concurrent writers (the fixes of protocol §15.1 and
/// §15.2): a subscriber live from the start and one joining from 0 mid-run each get 1..N.
/// </summary>
public abstract class DeliveryTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : TiledServerFixture
{
    private const int Writers = 4;
    private const int WritesPerWriter = 50;
    private const int Total = Writers * WritesPerWriter;
    private static readonly TimeSpan Timeout = Deadline.Default;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Concurrent_writers_reach_every_subscriber_once_each_in_sequence_order(bool persist)
    {
        if (server.UnavailableReason is not null) { return; }
        var client = await server.ConnectAsync();
        var x = await client.CreateArrayAsync(Wire.NewKey(), DataType.Int64, [2], [[2]]);
        var (early, fromStart, earlyProbe) = await SubscriptionProbe.StartAsync(x);
        await using var _ = early;
        // Late joiners replay from 0 while writes go on, then continue live: the hand-over must
        // neither drop nor repeat a number.
        var joinPoints = new[] { Total / 4, Total / 2, 3 * Total / 4 };
        var reached = joinPoints.ToDictionary(n => n, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        var acknowledged = 0;

        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < WritesPerWriter; i++)
            {
                await x.WriteAsync(NdArray.From((long)w, i), persist);
                if (reached.TryGetValue(Interlocked.Increment(ref acknowledged), out var point))
                {
                    point.TrySetResult();
                }
            }
        })).ToArray();
        var late = new List<(Tiled.Client.Streaming.ArraySubscription Subscription, EventLog<Tiled.Client.Streaming.ArrayDataReceived> Data, SubscriptionProbe Probe)>();
        try
        {
            foreach (var point in joinPoints)
            {
                await reached[point].Task.WaitAsync(Timeout);
                late.Add(await SubscriptionProbe.StartAsync(x, start: 0));
            }

            await Task.WhenAll(writers).WaitAsync(Timeout);

            (await fromStart.WaitForCountAsync(Total)).ShouldBeEveryWriteOnceInOrder(Writers, WritesPerWriter, "the subscriber from the start");
            earlyProbe.Gaps.Items.Should().BeEmpty();
            for (var j = 0; j < late.Count; j++)
            {
                (await late[j].Data.WaitForCountAsync(Total)).ShouldBeEveryWriteOnceInOrder(Writers, WritesPerWriter,
                    $"the subscriber joining from 0 after {joinPoints[j]} writes");
                late[j].Probe.Gaps.Items.Should().BeEmpty();
            }
        }
        finally
        {
            foreach (var (subscription, _, _) in late)
            {
                await subscription.DisposeAsync();
            }
        }

        if (persist)
        {
            (await x.ReadAsync<long>()).Values.Should().Equal(fromStart.Items[^1].Data<long>().Values,
                "the stored array is the last write announced");
        }
    }

    [Fact]
    public async Task Concurrent_creations_in_a_container_are_announced_once_each_in_sequence_order()
    {
        if (server.UnavailableReason is not null) { return; }
        var client = await server.ConnectAsync();
        var folder = await client.CreateContainerAsync(Wire.NewKey("c"));
        await using var sub = folder.Subscribe();
        var created = new EventLog<Tiled.Client.Streaming.ChildCreated>();
        sub.ChildCreated += created.Add;
        await sub.StartAsync().WaitAsync(Timeout);

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                await folder.CreateContainerAsync($"w{w}-{i}");
            }
        }))).WaitAsync(Timeout);

        var updates = await created.WaitForCountAsync(Writers * 10);
        updates.Select(u => u.Sequence).Should().Equal(Enumerable.Range(1, Writers * 10).Select(n => (long)n));
        updates.Select(u => u.Key).Should().OnlyHaveUniqueItems().And.HaveCount(Writers * 10);
    }
}

public sealed class MemoryDeliveryTests(SqliteServer server) : DeliveryTests<SqliteServer>(server);

public sealed class RedisDeliveryTests(SqliteRedisServer server) : DeliveryTests<SqliteRedisServer>(server);

/// <summary>
/// Two servers on one PostgreSQL catalog and one Redis (same key prefix), as replicas behind a load
/// balancer: what is written through either is streamed by both, numbered once per node.
/// </summary>
public sealed class DeliveryAcrossServersTests(PostgresRedisServer server) : IClassFixture<PostgresRedisServer>
{
    private const int WritersPerServer = 2;
    private const int WritesPerWriter = 50;
    private const int Total = 2 * WritersPerServer * WritesPerWriter;
    private static readonly TimeSpan Timeout = Deadline.Default;

    [Fact]
    public async Task Writers_on_both_servers_reach_subscribers_of_both_once_each_in_sequence_order()
    {
        if (server.UnavailableReason is not null) { return; }
        await using var second = await SecondServer.StartAsync(server.Settings);
        var one = await server.ConnectAsync();
        var two = await second.ConnectAsync();
        var key = Wire.NewKey();
        var viaOne = await one.CreateArrayAsync(key, DataType.Int64, [2], [[2]]);
        var viaTwo = (ArrayClient)await two.GetAsync(key);
        var (onTwo, seenOnTwo, _) = await SubscriptionProbe.StartAsync(viaTwo);
        await using var _ = onTwo;
        var (onOne, seenOnOne, _) = await SubscriptionProbe.StartAsync(viaOne);
        await using var __ = onOne;

        await Task.WhenAll(Enumerable.Range(0, 2 * WritersPerServer).Select(w => Task.Run(async () =>
        {
            var through = w % 2 == 0 ? viaOne : viaTwo;
            for (var i = 0; i < WritesPerWriter; i++)
            {
                await through.WriteAsync(NdArray.From((long)w, i), persist: w < WritersPerServer);
            }
        }))).WaitAsync(Timeout);

        (await seenOnTwo.WaitForCountAsync(Total)).ShouldBeEveryWriteOnceInOrder(2 * WritersPerServer, WritesPerWriter, "the subscriber of server two");
        (await seenOnOne.WaitForCountAsync(Total)).ShouldBeEveryWriteOnceInOrder(2 * WritersPerServer, WritesPerWriter, "the subscriber of server one");
    }

    [Fact]
    public async Task Writes_through_one_server_are_replayed_and_streamed_by_the_other()
    {
        if (server.UnavailableReason is not null) { return; }
        await using var second = await SecondServer.StartAsync(server.Settings);
        var one = await server.ConnectAsync();
        var two = await second.ConnectAsync();
        var key = Wire.NewKey();
        var x = await one.WriteArrayAsync(NdArray.From(1L, 2L, 3L), key);
        await x.PatchAsync(NdArray.From(4L), offset: [3], extend: true);

        var (sub, data, probe) = await SubscriptionProbe.StartAsync((ArrayClient)await two.GetAsync(key), start: 0);
        await using var _ = sub;
        await x.WriteAsync(NdArray.From(5L, 6L, 7L, 8L), persist: false);
        await x.CloseStreamAsync();

        await probe.StreamClosed.WaitAsync(Timeout);
        data.Items.Select(u => u.Sequence).Should().Equal(1, 2, 3);
        data.Items[2].Data<long>().Values.Should().Equal(5, 6, 7, 8);
    }

    [Fact]
    public async Task A_child_created_through_one_server_is_announced_by_the_other()
    {
        if (server.UnavailableReason is not null) { return; }
        await using var second = await SecondServer.StartAsync(server.Settings);
        var one = await server.ConnectAsync();
        var two = await second.ConnectAsync();
        var key = Wire.NewKey();
        await using var sub = two.Subscribe();
        var printed = new EventLog<string>();
        sub.ChildCreated += async update => printed.Append($"{update.Key} NEW: {await update.ChildAsync()}");
        await sub.StartAsync().WaitAsync(Timeout);

        await one.WriteArrayAsync(NdArray.From(1L, 2L, 3L), key);

        (await printed.WaitForAsync(line => line.StartsWith(key, StringComparison.Ordinal)))
            .Should().Contain($"{key} NEW: <ArrayClient shape=(3,) chunks=((3,)) dtype=int64>");
    }
}
