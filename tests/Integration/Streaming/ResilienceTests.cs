using System.Net.WebSockets;
using FluentAssertions;
using Tiled.Client;
using Tiled.Formats.DataTypes;
using Tiled.IntegrationTests.Infrastructure;
using Tiled.IntegrationTests.Streaming.Support;
using Xunit;

namespace Tiled.IntegrationTests.Streaming;

/// <summary>
/// The subscription WebSocket under hostile or failing conditions: bad credentials (protocol §9.4)
/// and a subscriber that stops reading (§15.9).
/// </summary>
public abstract class ResilienceTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : TiledServerFixture
{
    private const int MiB = 1 << 20;

    [Fact]
    public async Task A_wrong_api_key_header_is_refused_with_401_before_the_upgrade()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey();
        await Wire.CreateInt64ArrayAsync(server.Http, key, 1, 2, 3);

        var (status, _) = await RawStream.RefusalAsync(RawStream.UriFor(server.BaseUrl, key), "wrong");

        status.Should().Be(401);
    }

    [Fact]
    public async Task An_unknown_node_is_refused_with_404_before_the_upgrade()
    {
        if (server.UnavailableReason is not null) { return; }

        var (status, _) = await RawStream.RefusalAsync(RawStream.UriFor(server.BaseUrl, Wire.NewKey("missing")), TiledServerFixture.ApiKey);

        status.Should().Be(404);
    }

    [Fact]
    public async Task Without_a_header_an_auth_first_message_opens_the_stream()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey();
        await Wire.CreateInt64ArrayAsync(server.Http, key, 1, 2, 3);
        using var socket = await RawStream.ConnectAsync(RawStream.UriFor(server.BaseUrl, key, start: 1), apiKey: null);

        await socket.SendTextAsync("""{"type": "auth", "api_key": "secret"}""");

        var schema = (await socket.ReceiveMessageAsync()).Json();
        schema["type"]?.GetValue<string>().Should().Be("array-schema");
        var replayed = (await socket.ReceiveMessageAsync()).Json();
        replayed["type"]?.GetValue<string>().Should().Be("array-data");
        replayed["sequence"]?.GetValue<long>().Should().Be(1);
        replayed["payload"]?.ToJsonString().Should().Be("[1,2,3]");
    }

    [Fact]
    public async Task A_wrong_key_in_the_auth_message_closes_with_4003()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey();
        await Wire.CreateInt64ArrayAsync(server.Http, key, 1);
        using var socket = await RawStream.ConnectAsync(RawStream.UriFor(server.BaseUrl, key), apiKey: null);

        await socket.SendTextAsync("""{"type": "auth", "api_key": "wrong"}""");

        (await socket.ReceiveUntilClosedAsync()).Should().BeEmpty();
        ((int?)socket.CloseStatus).Should().Be(4003);
        socket.CloseDescription.Should().Be("Authentication failed");
    }

    [Theory]
    [InlineData("not json at all", "Expected JSON auth message")]
    [InlineData("""{"type": "hello", "api_key": "secret"}""", """Expected {"type": "auth", ...}""")]
    public async Task An_auth_message_that_is_not_json_auth_closes_with_4001(string message, string reason)
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey();
        await Wire.CreateInt64ArrayAsync(server.Http, key, 1);
        using var socket = await RawStream.ConnectAsync(RawStream.UriFor(server.BaseUrl, key), apiKey: null);

        await socket.SendTextAsync(message);

        (await socket.ReceiveUntilClosedAsync()).Should().BeEmpty();
        ((int?)socket.CloseStatus).Should().Be(4001);
        socket.CloseDescription.Should().Be(reason);
    }

    [Fact]
    public async Task A_subscriber_that_stops_reading_is_closed_with_1013_and_can_resume_where_the_reason_says()
    {
        if (server.UnavailableReason is not null) { return; }
        // 24 frames of 4 MiB: the 64 MiB send budget (plus what the kernel buffers) runs out about
        // two thirds of the way, leaving several frames of margin for the check below.
        const int writes = 24;
        const int size = 4 * MiB;
        var client = await server.ConnectAsync();
        var key = Wire.NewKey();
        var x = await client.CreateArrayAsync(key, DataType.Int8, [size], [[size]]);
        using var stalled = await RawStream.ConnectAsync(RawStream.UriFor(server.BaseUrl, key, "msgpack"), TiledServerFixture.ApiKey);
        var (healthy, received, _) = await SubscriptionProbe.StartAsync(x);
        await using var _ = healthy;
        var payload = new sbyte[size];

        for (var i = 0; i < writes; i++)
        {
            payload[0] = (sbyte)i;
            await x.WriteAsync(NdArray.From(payload), persist: false);
        }

        // The healthy subscriber's frames were encoded like the stalled one's and then sent, read
        // and decoded: once it has all, the server has long decided about the stalled one, which
        // is read only now (within the server's 5 s close timeout).
        var updates = await received.WaitForCountAsync(writes);
        updates.Select(u => u.Sequence).Should().Equal(Enumerable.Range(1, writes).Select(n => (long)n), "other subscribers keep receiving");
        var frames = await stalled.ReceiveUntilClosedAsync();
        ((int?)stalled.CloseStatus).Should().Be(1013);
        stalled.CloseDescription.Should().StartWith("Subscriber too slow; reconnect with start=");
        var got = frames.Skip(1).Select(f => (long)(f.Msgpack()["sequence"] ?? -1L)).ToList();
        got.Count.Should().BeLessThan(writes, "the server gave up on the subscriber before the last write");
        got.Should().Equal(Enumerable.Range(1, got.Count).Select(n => (long)n));
        var resumeFrom = long.Parse(stalled.CloseDescription?.Split("start=")[^1] ?? "", System.Globalization.CultureInfo.InvariantCulture);
        resumeFrom.Should().Be(got.Count + 1, "the reason names the first sequence the subscriber did not get");

        var (resumed, rest, _) = await SubscriptionProbe.StartAsync(x, resumeFrom);
        await using var __ = resumed;
        var missed = await rest.WaitForCountAsync(writes - got.Count);
        missed.Select(u => u.Sequence).Should().Equal(Enumerable.Range(got.Count + 1, writes - got.Count).Select(n => (long)n));
        missed.Select(u => (int)u.Payload.Span[0]).Should().Equal(Enumerable.Range(got.Count, writes - got.Count));
        await StreamCacheCleanup.DeleteKeysAsync(server.Settings);
    }
}

public sealed class MemoryResilienceTests(SqliteServer server) : ResilienceTests<SqliteServer>(server);

public sealed class RedisResilienceTests(SqliteRedisServer server) : ResilienceTests<SqliteRedisServer>(server);
