using FluentAssertions;
using Tiled.Client;
using Tiled.Client.Streaming;
using Tiled.Formats.DataTypes;
using Tiled.IntegrationTests.Infrastructure;
using Tiled.IntegrationTests.Streaming.Support;
using Xunit;

namespace Tiled.IntegrationTests.Streaming;

/// <summary>The .NET client's <see cref="StreamSession"/>: many subscriptions over one <c>/stream/multi</c> socket.</summary>
public abstract class StreamSessionTests<TServer>(TServer server) : IClassFixture<TServer>
    where TServer : TiledServerFixture
{
    private static readonly TimeSpan Timeout = Deadline.Default;

    [Fact]
    public async Task Array_and_container_subscriptions_share_one_session_with_their_usual_events()
    {
        if (server.UnavailableReason is not null) { return; }
        var client = await server.ConnectAsync();
        var folder = await client.CreateContainerAsync(Wire.NewKey());
        var x = await client.CreateArrayAsync(Wire.NewKey(), DataType.Int64, [1], [[1]]);
        var y = await client.CreateArrayAsync(Wire.NewKey(), DataType.Int64, [1], [[1]]);
        await using var session = await client.OpenStreamSessionAsync();
        var (onX, xData, xProbe) = (x.Subscribe(), new EventLog<ArrayDataReceived>(), (SubscriptionProbe?)null);
        onX.NewData += xData.Add;
        xProbe = new SubscriptionProbe(onX);
        var onY = y.Subscribe();
        var yData = new EventLog<ArrayDataReceived>();
        onY.NewData += yData.Add;
        var onFolder = folder.Subscribe();
        var children = new EventLog<string>();
        onFolder.ChildCreated += created => children.Add(created.Key);
        await onX.StartAsync(session).WaitAsync(Timeout);
        await onY.StartAsync(session, start: 0).WaitAsync(Timeout);
        await onFolder.StartAsync(session).WaitAsync(Timeout);
        session.Count.Should().Be(3);

        for (var i = 1L; i <= 5; i++)
        {
            await x.WriteAsync(NdArray.From(i), persist: false);
            await y.WriteAsync(NdArray.From(10 * i), persist: false);
        }

        await folder.CreateContainerAsync("child");
        await x.CloseStreamAsync();

        await xProbe.StreamClosed.WaitAsync(Timeout);
        (await xData.WaitForCountAsync(5)).Select(u => u.Data<long>().Values[0]).Should().Equal(1, 2, 3, 4, 5);
        (await yData.WaitForCountAsync(5)).Select(u => u.Data<long>().Values[0]).Should().Equal(10, 20, 30, 40, 50);
        (await children.WaitForCountAsync(1)).Should().Equal("child");
        onX.Closed.Should().BeTrue();
        onY.Closed.Should().BeFalse();
        session.Count.Should().Be(2);
        await onY.DisconnectAsync();
        onY.Closed.Should().BeTrue();
        session.Count.Should().Be(1);
    }

    [Fact]
    public async Task Own_metadata_updates_and_child_deletions_reach_the_client_s_events_on_a_socket_of_their_own_or_a_session()
    {
        if (server.UnavailableReason is not null) { return; }
        var client = await server.ConnectAsync();
        var folder = await client.CreateContainerAsync(Wire.NewKey());
        var child = await folder.CreateContainerAsync("child");
        await using var session = await client.OpenStreamSessionAsync();
        foreach (var viaSession in new[] { false, true })
        {
            var onFolder = folder.Subscribe();
            var deletedKeys = new EventLog<string>();
            onFolder.ChildDeleted += deleted => deletedKeys.Add(deleted.Key);
            var ownMetadata = new EventLog<MetadataUpdated>();
            onFolder.MetadataUpdated += ownMetadata.Add;
            await (viaSession ? onFolder.StartAsync(session) : onFolder.StartAsync()).WaitAsync(Timeout);

            await folder.UpdateMetadataAsync(new System.Text.Json.Nodes.JsonObject { ["round"] = viaSession ? 2 : 1 });
            var key = viaSession ? "child" : "other";
            if (!viaSession)
            {
                await folder.CreateContainerAsync("other");
            }

            await (viaSession ? child : await folder.GetAsync("other")).DeleteAsync();

            (await ownMetadata.WaitForCountAsync(1))[0].Metadata["round"]!.GetValue<long>().Should().Be(viaSession ? 2 : 1);
            (await deletedKeys.WaitForCountAsync(1)).Should().Equal(key);
            await onFolder.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_subscription_the_server_refuses_throws_with_its_detail_and_the_session_goes_on()
    {
        if (server.UnavailableReason is not null) { return; }
        var client = await server.ConnectAsync();
        var gone = await client.CreateContainerAsync(Wire.NewKey());
        var kept = await client.CreateArrayAsync(Wire.NewKey(), DataType.Int64, [1], [[1]]);
        (await server.Http.DeleteAsync($"/api/v1/metadata/{gone.Key}")).EnsureSuccessStatusCode();
        await using var session = await client.OpenStreamSessionAsync();

        var refused = async () => await gone.Subscribe().StartAsync(session).WaitAsync(Timeout);

        (await refused.Should().ThrowAsync<TiledException>()).Which.Detail.Should().Be($"No such entry: ['{gone.Key}']");
        var (sub, data) = (kept.Subscribe(), new EventLog<ArrayDataReceived>());
        sub.NewData += data.Add;
        await sub.StartAsync(session).WaitAsync(Timeout);
        await kept.WriteAsync(NdArray.From(7L), persist: false);
        (await data.WaitForCountAsync(1))[0].Data<long>().Values.Should().Equal(7);
    }
}

public sealed class MemoryStreamSessionTests(SqliteServer server) : StreamSessionTests<SqliteServer>(server);

public sealed class RedisStreamSessionTests(SqliteRedisServer server) : StreamSessionTests<SqliteRedisServer>(server);

/// <summary>The session after the server lost its Redis subscription: it reconnects and resumes every subscription without loss or repeats.</summary>
public sealed class StreamSessionResumeTests(ProxiedRedisServer server) : IClassFixture<ProxiedRedisServer>
{
    private static readonly TimeSpan Timeout = Deadline.Default;

    [Fact]
    public async Task After_a_1012_close_every_subscription_resumes_from_its_last_sequence_once_in_order()
    {
        if (server.UnavailableReason is not null || server.Proxy is not { } proxy) { return; }
        await proxy.PubSubConnected.WaitAsync(Timeout);
        var client = await server.ConnectAsync();
        var arrays = new[]
        {
            await client.CreateArrayAsync(Wire.NewKey(), DataType.Int64, [1], [[1]]),
            await client.CreateArrayAsync(Wire.NewKey(), DataType.Int64, [1], [[1]]),
        };
        await using var session = await client.OpenStreamSessionAsync();
        var logs = new List<EventLog<ArrayDataReceived>>();
        var gaps = new EventLog<HistoryGap>();
        foreach (var array in arrays)
        {
            var sub = array.Subscribe();
            sub.Gap += gaps.Append;
            var log = new EventLog<ArrayDataReceived>();
            sub.NewData += log.Add;
            await sub.StartAsync(session).WaitAsync(Timeout);
            logs.Add(log);
        }

        await WriteAsync(arrays, 1, 5);
        // Once the session has them, the node's hub has handed them out: the witness below starts after them.
        await logs[0].WaitForCountAsync(5);
        await logs[1].WaitForCountAsync(5);
        using var witness = await RawStream.ConnectAsync(RawStream.UriFor(server.BaseUrl, arrays[0].Key), TiledServerFixture.ApiKey);
        await witness.ReceiveMessageAsync();

        proxy.KillPubSubConnections().Should().BePositive();
        (await witness.ReceiveUntilClosedAsync()).Should().BeEmpty();
        await WriteAsync(arrays, 6, 15);
        await proxy.PubSubConnected.WaitAsync(Timeout);
        await WriteAsync(arrays, 16, 20);

        foreach (var log in logs)
        {
            var updates = await log.WaitForCountAsync(20);
            updates.Select(u => u.Sequence).Should().Equal(Enumerable.Range(1, 20).Select(n => (long)n), string.Join(",", gaps.Items.Select(g => $"{g.From}-{g.To}")));
            updates.Select(u => u.Data<long>().Values[0]).Should().Equal(Enumerable.Range(1, 20).Select(n => (long)n));
            updates.Select(u => u.Sequence).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        }
    }

    private static async Task WriteAsync(ArrayClient[] arrays, long from, long to)
    {
        for (var i = from; i <= to; i++)
        {
            foreach (var array in arrays)
            {
                await array.WriteAsync(NdArray.From(i), persist: false);
            }
        }
    }
}
