using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.Client;
using Tiled.Client.Streaming;
using Tiled.Formats.DataTypes;
using Tiled.IntegrationTests.Infrastructure;
using Tiled.IntegrationTests.Streaming.Support;
using Xunit;

namespace Tiled.IntegrationTests.Streaming;

/// <summary>
/// Every example of Tiled's streaming guide (seeds/streaming.md), translated to the .NET client and
/// run against the real server.
/// </summary>
public abstract class SeedTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : TiledServerFixture
{
    private static readonly TimeSpan Timeout = Deadline.Default;

    [Fact]
    public async Task A_container_subscription_prints_the_new_array_child_like_python()
    {
        if (server.UnavailableReason is not null) { return; }
        var client = await server.ConnectAsync();
        var key = Wire.NewKey();
        await using var sub = client.Subscribe();
        var printed = new EventLog<string>();
        sub.ChildCreated += async update => printed.Append($"{update.Key} NEW: {await update.ChildAsync()}");
        var probe = new SubscriptionProbe(sub);
        await sub.StartAsync().WaitAsync(Timeout);

        await client.WriteArrayAsync(NdArray.From(1L, 2L, 3L), key);

        var lines = await printed.WaitForAsync(line => line.StartsWith(key, StringComparison.Ordinal));
        lines.Should().Contain($"{key} NEW: <ArrayClient shape=(3,) chunks=((3,)) dtype=int64>");
        probe.Failures.Items.Should().BeEmpty();
    }

    [Fact]
    public async Task A_child_created_update_carries_key_family_and_metadata()
    {
        if (server.UnavailableReason is not null) { return; }
        var client = await server.ConnectAsync();
        var key = Wire.NewKey();
        await using var sub = client.Subscribe();
        var created = new EventLog<ChildCreated>();
        sub.ChildCreated += created.Add;
        await sub.StartAsync().WaitAsync(Timeout);

        await client.WriteArrayAsync(NdArray.From(1L, 2L, 3L), key, new JsonObject { ["color"] = "red" });

        var update = (await created.WaitForAsync(c => c.Key == key)).Single(c => c.Key == key);
        update.StructureFamily.Should().Be("array");
        update.Metadata["color"]?.GetValue<string>().Should().Be("red");
        update.Sequence.Should().BePositive();
    }

    [Fact]
    public async Task Subscribing_from_zero_replays_the_write_and_the_extending_patch_then_goes_live()
    {
        if (server.UnavailableReason is not null) { return; }
        var client = await server.ConnectAsync();
        var key = Wire.NewKey();
        var x = await client.WriteArrayAsync(NdArray.From(1L, 2L, 3L), key);
        await x.PatchAsync(NdArray.From(4L, 5L, 6L), offset: [3], extend: true);
        var c = (ArrayClient)await client.GetAsync(key);

        var (sub, data, _) = await SubscriptionProbe.StartAsync(c, start: 0);
        await using var _ = sub;
        var replayed = await data.WaitForCountAsync(2);

        replayed[0].Sequence.Should().Be(1);
        replayed[0].Offset.Should().BeNull();
        replayed[0].Data<long>().Values.Should().Equal(1, 2, 3);
        replayed[1].Sequence.Should().Be(2);
        replayed[1].Offset.Should().Equal(3);
        replayed[1].Shape.Should().Equal(3);
        replayed[1].Data<long>().Values.Should().Equal(4, 5, 6);

        await x.PatchAsync(NdArray.From(7L), offset: [6], extend: true);

        var live = (await data.WaitForCountAsync(3))[2];
        live.Sequence.Should().Be(3);
        live.Offset.Should().Equal(6);
        live.Data<long>().Values.Should().Equal(7);
    }

    [Fact]
    public async Task Non_persistent_writes_reach_subscribers_without_changing_the_stored_array()
    {
        if (server.UnavailableReason is not null) { return; }
        var client = await server.ConnectAsync();
        var x = await client.WriteArrayAsync(NdArray.From(1L, 2L, 3L), Wire.NewKey());
        var (sub, data, _) = await SubscriptionProbe.StartAsync(x);
        await using var _ = sub;

        await x.WriteAsync(NdArray.From(4L, 5L, 6L), persist: false);
        (await data.WaitForCountAsync(1))[0].Data<long>().Values.Should().Equal(4, 5, 6);
        (await x.ReadAsync<long>()).Values.Should().Equal(1, 2, 3);

        await x.WriteAsync(NdArray.From(7L, 8L, 9L), persist: false);
        (await data.WaitForCountAsync(2))[1].Data<long>().Values.Should().Equal(7, 8, 9);
        (await x.ReadAsync<long>()).Values.Should().Equal(1, 2, 3);

        await x.WriteAsync(NdArray.From(11L, 12L, 13L));
        var all = await data.WaitForCountAsync(3);
        all[2].Data<long>().Values.Should().Equal(11, 12, 13);
        all.Select(u => u.Sequence).Should().Equal(2, 3, 4);
        (await x.ReadAsync<long>()).Values.Should().Equal(11, 12, 13);
    }

    [Fact]
    public async Task Non_persistent_patches_reach_subscribers_with_their_offsets_without_changing_the_stored_array()
    {
        if (server.UnavailableReason is not null) { return; }
        var client = await server.ConnectAsync();
        var x = await client.WriteArrayAsync(NdArray.From(1L, 2L, 3L), Wire.NewKey());
        var (sub, data, _) = await SubscriptionProbe.StartAsync(x);
        await using var _ = sub;

        for (var i = 0L; i < 3; i++)
        {
            await x.PatchAsync(NdArray.From(11L + i), offset: [i], persist: false);
            var update = (await data.WaitForCountAsync((int)i + 1))[(int)i];
            update.Offset.Should().Equal(i);
            update.Data<long>().Values.Should().Equal(11 + i);
            (await x.ReadAsync<long>()).Values.Should().Equal(1, 2, 3);
        }

        await x.WriteAsync(NdArray.From(11L, 12L, 13L));
        (await data.WaitForCountAsync(4))[3].Data<long>().Values.Should().Equal(11, 12, 13);
        (await x.ReadAsync<long>()).Values.Should().Equal(11, 12, 13);
    }

    [Fact]
    public async Task An_array_created_empty_streams_non_persistent_writes_and_stores_only_the_final_one()
    {
        if (server.UnavailableReason is not null) { return; }
        var client = await server.ConnectAsync();
        var x = await client.CreateArrayAsync(Wire.NewKey(), DataType.Int64, [3], [[3]]);
        var (sub, data, _) = await SubscriptionProbe.StartAsync(x);
        await using var _ = sub;

        await x.WriteAsync(NdArray.From(4L, 5L, 6L), persist: false);
        await x.WriteAsync(NdArray.From(7L, 8L, 9L), persist: false);
        await x.WriteAsync(NdArray.From(11L, 12L, 13L));

        var updates = await data.WaitForCountAsync(3);
        updates.Select(u => u.Sequence).Should().Equal(1, 2, 3);
        updates.Select(u => u.Data<long>().Values).Should().BeEquivalentTo(
            new[] { new long[] { 4, 5, 6 }, [7, 8, 9], [11, 12, 13] }, o => o.WithStrictOrdering());
        (await x.ReadAsync<long>()).Values.Should().Equal(11, 12, 13);
    }

    [Fact]
    public async Task A_disconnected_subscriber_is_closed_and_receives_nothing_more()
    {
        if (server.UnavailableReason is not null) { return; }
        var client = await server.ConnectAsync();
        var x = await client.WriteArrayAsync(NdArray.From(1L, 2L, 3L), Wire.NewKey());
        var (sub, data, probe) = await SubscriptionProbe.StartAsync(x);
        await x.WriteAsync(NdArray.From(4L, 5L, 6L), persist: false);
        await data.WaitForCountAsync(1);

        await sub.DisconnectAsync().WaitAsync(Timeout);

        sub.Closed.Should().BeTrue();
        probe.Disconnected.IsCompleted.Should().BeTrue();
        probe.StreamClosedCount.Should().Be(0);
        var (witness, witnessed, _) = await SubscriptionProbe.StartAsync(x);
        await using var _ = witness;
        await x.WriteAsync(NdArray.From(7L, 8L, 9L), persist: false);
        await witnessed.WaitForCountAsync(1);
        data.Items.Should().ContainSingle();
    }

    [Fact]
    public async Task Closing_the_stream_ends_subscribers_after_everything_before_the_marker()
    {
        if (server.UnavailableReason is not null) { return; }
        var client = await server.ConnectAsync();
        var x = await client.WriteArrayAsync(NdArray.From(1L, 2L, 3L), Wire.NewKey());
        var sub = x.Subscribe();
        var timeline = new EventLog<string>();
        sub.NewData += update => timeline.Add($"data {update.Sequence}");
        sub.StreamClosed += () => timeline.Append("closed");
        var probe = new SubscriptionProbe(sub);
        await sub.StartAsync().WaitAsync(Timeout);

        await x.WriteAsync(NdArray.From(4L, 5L, 6L), persist: false);
        await x.PatchAsync(NdArray.From(7L), offset: [3], extend: true);
        await x.CloseStreamAsync();

        await probe.StreamClosed.WaitAsync(Timeout);
        await probe.Disconnected.WaitAsync(Timeout);
        timeline.Items.Should().Equal("data 2", "data 3", "closed");
        sub.Closed.Should().BeTrue();
        probe.StreamClosedCount.Should().Be(1);
    }

    [Fact]
    public async Task Resubscribing_from_zero_after_a_close_replays_the_stream_and_closes_again()
    {
        if (server.UnavailableReason is not null) { return; }
        var client = await server.ConnectAsync();
        var x = await client.WriteArrayAsync(NdArray.From(1L, 2L, 3L), Wire.NewKey());
        await x.PatchAsync(NdArray.From(4L), offset: [3], extend: true);
        await x.CloseStreamAsync();

        var (sub, data, probe) = await SubscriptionProbe.StartAsync(x, start: 0);
        await using var _ = sub;

        await probe.StreamClosed.WaitAsync(Timeout);
        data.Items.Select(u => u.Sequence).Should().Equal(1, 2);
        data.Items[1].Data<long>().Values.Should().Equal(4);
        await probe.Disconnected.WaitAsync(Timeout);
        sub.Closed.Should().BeTrue();
    }

    [Fact]
    public async Task Writing_after_a_close_works_and_a_new_live_subscriber_sees_it()
    {
        if (server.UnavailableReason is not null) { return; }
        var client = await server.ConnectAsync();
        var x = await client.WriteArrayAsync(NdArray.From(1L, 2L, 3L), Wire.NewKey());
        await x.CloseStreamAsync();
        var (sub, data, probe) = await SubscriptionProbe.StartAsync(x);
        await using var _ = sub;

        await x.WriteAsync(NdArray.From(4L, 5L, 6L));

        var update = (await data.WaitForCountAsync(1))[0];
        update.Sequence.Should().Be(3, "the close marker took number 2");
        update.Data<long>().Values.Should().Equal(4, 5, 6);
        (await x.ReadAsync<long>()).Values.Should().Equal(4, 5, 6);
        sub.Closed.Should().BeFalse();
        probe.StreamClosedCount.Should().Be(0);
    }

    [Fact]
    public async Task A_late_joiner_without_start_gets_only_live_updates()
    {
        if (server.UnavailableReason is not null) { return; }
        var client = await server.ConnectAsync();
        var x = await client.WriteArrayAsync(NdArray.From(1L, 2L, 3L), Wire.NewKey());
        await x.PatchAsync(NdArray.From(4L, 5L, 6L), offset: [3], extend: true);
        var (sub, data, _) = await SubscriptionProbe.StartAsync(x);
        await using var _ = sub;

        await x.WriteAsync(NdArray.From(7L, 8L, 9L, 10L, 11L, 12L), persist: false);

        var update = (await data.WaitForCountAsync(1))[0];
        update.Sequence.Should().Be(3);
        update.Data<long>().Values.Should().Equal(7, 8, 9, 10, 11, 12);
        data.Items.Should().ContainSingle();
    }

    [Fact]
    public async Task Subscribing_from_the_middle_replays_from_that_sequence_then_goes_live()
    {
        if (server.UnavailableReason is not null) { return; }
        var client = await server.ConnectAsync();
        var x = await client.WriteArrayAsync(NdArray.From(1L, 2L, 3L), Wire.NewKey());
        await x.WriteAsync(NdArray.From(4L, 5L, 6L), persist: false);
        await x.WriteAsync(NdArray.From(7L, 8L, 9L), persist: false);
        var (sub, data, _) = await SubscriptionProbe.StartAsync(x, start: 2);
        await using var _ = sub;
        await data.WaitForCountAsync(2);

        await x.WriteAsync(NdArray.From(10L, 11L, 12L), persist: false);

        var updates = await data.WaitForCountAsync(3);
        updates.Select(u => u.Sequence).Should().Equal(2, 3, 4);
        updates[0].Data<long>().Values.Should().Equal(4, 5, 6);
        updates[2].Data<long>().Values.Should().Equal(10, 11, 12);
        sub.LastSequence.Should().Be(4);
    }

    [Fact]
    public async Task A_metadata_update_is_announced_with_the_new_metadata()
    {
        if (server.UnavailableReason is not null) { return; }
        var client = await server.ConnectAsync();
        var key = Wire.NewKey();
        var x = await client.WriteArrayAsync(NdArray.From(1L, 2L, 3L), key, new JsonObject { ["color"] = "red", ["n"] = 1 });
        await using var sub = client.Subscribe();
        var updated = new EventLog<ChildMetadataUpdated>();
        sub.ChildMetadataUpdated += updated.Add;
        await sub.StartAsync().WaitAsync(Timeout);

        await x.UpdateMetadataAsync(new JsonObject { ["color"] = "blue" });

        var update = (await updated.WaitForAsync(u => u.Key == key)).Single(u => u.Key == key);
        JsonNode.DeepEquals(update.Metadata, new JsonObject { ["color"] = "blue", ["n"] = 1 }).Should().BeTrue(update.Metadata.ToJsonString());
    }

    [Fact]
    public async Task A_container_subscription_sees_children_of_its_own_container_only()
    {
        if (server.UnavailableReason is not null) { return; }
        var client = await server.ConnectAsync();
        var folder = await client.CreateContainerAsync(Wire.NewKey("c"));
        await using var sub = folder.Subscribe();
        var created = new EventLog<ChildCreated>();
        sub.ChildCreated += created.Add;
        await sub.StartAsync().WaitAsync(Timeout);

        await client.WriteArrayAsync(NdArray.From(0L), Wire.NewKey("outside"));
        var inner = await folder.WriteArrayAsync(NdArray.From(1.5, 2.5), "inner");

        var update = (await created.WaitForCountAsync(1))[0];
        update.Key.Should().Be("inner");
        update.Sequence.Should().Be(1);
        (await update.ChildAsync()).ToString().Should().Be(inner.ToString()).And.Be("<ArrayClient shape=(2,) chunks=((2,)) dtype=float64>");
        created.Items.Should().ContainSingle();
    }
}

public sealed class MemorySeedTests(SqliteServer server) : SeedTests<SqliteServer>(server);

public sealed class RedisSeedTests(SqliteRedisServer server) : SeedTests<SqliteRedisServer>(server);
