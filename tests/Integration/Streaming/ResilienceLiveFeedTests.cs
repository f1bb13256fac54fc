using FluentAssertions;
using Tiled.Client;
using Tiled.Formats.DataTypes;
using Tiled.IntegrationTests.Infrastructure;
using Tiled.IntegrationTests.Streaming.Support;
using Xunit;

namespace Tiled.IntegrationTests.Streaming;

/// <summary>
/// The server losing its Redis pub/sub connection (protocol §9.7 step 7): subscribers are closed
/// with 1012 and the .NET client reconnects and resumes from its last sequence + 1, losing and
/// repeating nothing. The connection is cut at a relay in front of Redis, so only this class's
/// server is affected (unlike <c>CLIENT KILL TYPE pubsub</c> on the shared Redis).
/// </summary>
public sealed class ResilienceLiveFeedTests(ProxiedRedisServer server) : IClassFixture<ProxiedRedisServer>
{
    private static readonly TimeSpan Timeout = Deadline.Default;

    [Fact]
    public async Task Losing_the_redis_subscription_closes_subscribers_with_1012()
    {
        if (server.UnavailableReason is not null || server.Proxy is not { } proxy) { return; }
        await proxy.PubSubConnected.WaitAsync(Timeout);
        var key = Wire.NewKey();
        await Wire.CreateInt64ArrayAsync(server.Http, key, 1, 2, 3);
        using var socket = await RawStream.ConnectAsync(RawStream.UriFor(server.BaseUrl, key), TiledServerFixture.ApiKey);
        await socket.ReceiveMessageAsync();

        proxy.KillPubSubConnections().Should().BePositive();

        (await socket.ReceiveUntilClosedAsync()).Should().BeEmpty();
        ((int?)socket.CloseStatus).Should().Be(1012);
        socket.CloseDescription.Should().Be("Live subscription lost");
        await proxy.PubSubConnected.WaitAsync(Timeout);
    }

    [Fact]
    public async Task The_client_reconnects_after_the_live_feed_is_lost_and_gets_every_write_once_in_order()
    {
        if (server.UnavailableReason is not null || server.Proxy is not { } proxy) { return; }
        await proxy.PubSubConnected.WaitAsync(Timeout);
        var client = await server.ConnectAsync();
        var key = Wire.NewKey();
        var x = await client.CreateArrayAsync(key, DataType.Int64, [1], [[1]]);
        var (sub, data, probe) = await SubscriptionProbe.StartAsync(x);
        await using var _ = sub;
        for (var i = 1L; i <= 5; i++)
        {
            await x.WriteAsync(NdArray.From(i), persist: false);
        }

        await data.WaitForCountAsync(5);
        using var witness = await RawStream.ConnectAsync(RawStream.UriFor(server.BaseUrl, key), TiledServerFixture.ApiKey);
        await witness.ReceiveMessageAsync();

        proxy.KillPubSubConnections().Should().BePositive();
        // Once a plain socket saw 1012, the client saw it too: these writes happen while it is away.
        (await witness.ReceiveUntilClosedAsync()).Should().BeEmpty();
        ((int?)witness.CloseStatus).Should().Be(1012);
        for (var i = 6L; i <= 15; i++)
        {
            await x.WriteAsync(NdArray.From(i), persist: false);
        }

        await data.WaitForCountAsync(15);
        for (var i = 16L; i <= 20; i++)
        {
            await x.WriteAsync(NdArray.From(i), persist: false);
        }

        var updates = await data.WaitForCountAsync(20);
        updates.Select(u => u.Sequence).Should().Equal(Enumerable.Range(1, 20).Select(n => (long)n));
        updates.Select(u => u.Data<long>().Values[0]).Should().Equal(Enumerable.Range(1, 20).Select(n => (long)n));
        sub.Closed.Should().BeFalse();
        probe.StreamClosedCount.Should().Be(0);
        probe.Gaps.Items.Should().BeEmpty();
        await proxy.PubSubConnected.WaitAsync(Timeout);
    }

    [Fact]
    public async Task Writes_during_the_outage_are_delivered_once_to_a_subscriber_that_replays_from_zero()
    {
        if (server.UnavailableReason is not null || server.Proxy is not { } proxy) { return; }
        await proxy.PubSubConnected.WaitAsync(Timeout);
        var client = await server.ConnectAsync();
        var x = await client.WriteArrayAsync(NdArray.From(0L), Wire.NewKey());
        var (sub, data, _) = await SubscriptionProbe.StartAsync(x, start: 0);
        await using var _ = sub;
        await data.WaitForCountAsync(1);

        proxy.KillPubSubConnections().Should().BePositive();
        var writers = Enumerable.Range(0, 2).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                await x.WriteAsync(NdArray.From(100L * (w + 1) + i), persist: w == 0);
            }
        }));
        await Task.WhenAll(writers).WaitAsync(Timeout);

        var updates = await data.WaitForCountAsync(21);
        updates.Select(u => u.Sequence).Should().Equal(Enumerable.Range(1, 21).Select(n => (long)n));
        updates.Select(u => u.Data<long>().Values[0]).Should().OnlyHaveUniqueItems();
        sub.State.Should().NotBe(Tiled.Client.Streaming.SubscriptionState.Closed);
        await proxy.PubSubConnected.WaitAsync(Timeout);
    }
}
