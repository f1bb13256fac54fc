using FluentAssertions;
using Tiled.Client;
using Tiled.IntegrationTests.Infrastructure;
using Tiled.IntegrationTests.Streaming.Support;
using Xunit;

namespace Tiled.IntegrationTests.Streaming;

/// <summary>
/// Retention running out (protocol §9.10, §15.5, §15.6) with entries kept 1 s and an idle counter
/// 3 s (<see cref="ShortTtls"/>). These tests wait for real expiry, the one place a test may wait on
/// the clock.
/// </summary>
public abstract class ResilienceTtlTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : TiledServerFixture
{
    private static readonly TimeSpan DataExpiry = TimeSpan.FromSeconds(ShortTtls.DataSeconds) + ShortTtls.Margin;
    private static readonly TimeSpan CounterExpiry = TimeSpan.FromSeconds(ShortTtls.SeqSeconds) + ShortTtls.Margin;

    [Fact]
    public async Task Asking_to_replay_expired_history_yields_a_gap_message_then_live_updates()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey();
        await Wire.CreateInt64ArrayAsync(server.Http, key, 1, 2, 3);
        (await server.Http.PutAsync($"/api/v1/array/full//{key}?persist=false", Wire.Octets(Wire.Int64s(4, 5, 6)))).EnsureSuccessStatusCode();
        await Task.Delay(DataExpiry);
        using var socket = await RawStream.ConnectAsync(RawStream.UriFor(server.BaseUrl, key, "json", start: 1), TiledServerFixture.ApiKey);
        (await socket.ReceiveMessageAsync()).Json()["type"]?.GetValue<string>().Should().Be("array-schema");

        var gap = (await socket.ReceiveMessageAsync()).Json();

        gap["type"]?.GetValue<string>().Should().Be("gap");
        gap["sequence_from"]?.GetValue<long>().Should().Be(1);
        gap["sequence_to"]?.GetValue<long>().Should().Be(2);
        gap.ContainsKey("sequence").Should().BeFalse("a gap is not an update");
        (await server.Http.PutAsync($"/api/v1/array/full//{key}?persist=false", Wire.Octets(Wire.Int64s(7, 8, 9)))).EnsureSuccessStatusCode();
        var live = (await socket.ReceiveMessageAsync()).Json();
        live["sequence"]?.GetValue<long>().Should().Be(3, "the counter outlives the data");
        live["payload"]?.ToJsonString().Should().Be("[7,8,9]");
    }

    [Fact]
    public async Task The_client_raises_gap_for_expired_history_and_delivers_what_follows()
    {
        if (server.UnavailableReason is not null) { return; }
        var client = await server.ConnectAsync();
        var x = await client.WriteArrayAsync(NdArray.From(1L, 2L, 3L), Wire.NewKey());
        await x.WriteAsync(NdArray.From(4L, 5L, 6L), persist: false);
        await Task.Delay(DataExpiry);

        var (sub, data, probe) = await SubscriptionProbe.StartAsync(x, start: 1);
        await using var _ = sub;
        await x.WriteAsync(NdArray.From(7L, 8L, 9L), persist: false);

        var gap = (await probe.Gaps.WaitForCountAsync(1))[0];
        (gap.From, gap.To).Should().Be((1L, 2L));
        var update = (await data.WaitForCountAsync(1))[0];
        update.Sequence.Should().Be(3);
        update.Data<long>().Values.Should().Equal(7, 8, 9);
    }

    [Fact]
    public async Task Numbering_restarts_at_1_after_the_idle_counter_expires_and_live_subscribers_are_told()
    {
        if (server.UnavailableReason is not null) { return; }
        var client = await server.ConnectAsync();
        var x = await client.WriteArrayAsync(NdArray.From(1L, 2L, 3L), Wire.NewKey());
        var (sub, data, probe) = await SubscriptionProbe.StartAsync(x);
        await using var _ = sub;
        await x.WriteAsync(NdArray.From(4L, 5L, 6L), persist: false);
        await data.WaitForCountAsync(1);
        await Task.Delay(CounterExpiry);

        await x.WriteAsync(NdArray.From(7L, 8L, 9L), persist: false);

        var updates = await data.WaitForCountAsync(2);
        updates.Select(u => u.Sequence).Should().Equal(2, 1);
        updates[1].Data<long>().Values.Should().Equal(7, 8, 9);
        var reset = (await probe.Gaps.WaitForCountAsync(1))[0];
        reset.From.Should().Be(3, "the client is told that numbering restarted after 2");
        sub.LastSequence.Should().Be(1);
    }

    [Fact]
    public async Task A_subscriber_resuming_beyond_a_restarted_counter_gets_the_new_numbering_from_1()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey();
        await Wire.CreateInt64ArrayAsync(server.Http, key, 1, 2, 3);
        await Task.Delay(CounterExpiry);
        using var socket = await RawStream.ConnectAsync(RawStream.UriFor(server.BaseUrl, key, "json", start: 5), TiledServerFixture.ApiKey);
        (await socket.ReceiveMessageAsync()).Json()["type"]?.GetValue<string>().Should().Be("array-schema");

        (await server.Http.PutAsync($"/api/v1/array/full//{key}?persist=false", Wire.Octets(Wire.Int64s(4, 5, 6)))).EnsureSuccessStatusCode();

        var reset = (await socket.ReceiveMessageAsync()).Json();
        reset["type"]?.GetValue<string>().Should().Be("reset");
        reset["previous_sequence"]?.GetValue<long>().Should().Be(4);
        var update = (await socket.ReceiveMessageAsync()).Json();
        update["sequence"]?.GetValue<long>().Should().Be(1);
        update["payload"]?.ToJsonString().Should().Be("[4,5,6]");
    }
}

public sealed class MemoryResilienceTtlTests(ShortTtlMemoryServer server) : ResilienceTtlTests<ShortTtlMemoryServer>(server);

public sealed class RedisResilienceTtlTests(ShortTtlRedisServer server) : ResilienceTtlTests<ShortTtlRedisServer>(server);
