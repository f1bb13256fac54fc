using System.Net;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.IntegrationTests.Infrastructure;
using Tiled.IntegrationTests.Streaming.Support;
using Xunit;
using static Tiled.IntegrationTests.Streaming.Support.MultiSocket;
using static Tiled.IntegrationTests.Streaming.WebSocketClient;

namespace Tiled.IntegrationTests.Streaming;

/// <summary>
/// <c>/api/v1/stream/multi</c> message by message (protocol additions §2, the proposed forms), on
/// the embedded stream cache and on Redis.
/// </summary>
public abstract class MultiplexedStreamTests<TServer>(TServer server) : IClassFixture<TServer>
    where TServer : TiledServerFixture
{
    [Fact]
    public async Task A_plain_GET_and_a_bad_envelope_are_refused_with_400_and_a_wrong_key_with_401()
    {
        if (server.UnavailableReason is not null) { return; }

        await (await server.Http.GetAsync("/api/v1/stream/multi")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await server.Http.SendAsync(UpgradeRequest("/api/v1/stream/multi?envelope_format=xml", $"Apikey {TiledServerFixture.ApiKey}")))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await (await server.Anonymous.SendAsync(UpgradeRequest("/api/v1/stream/multi", "Apikey wrong")))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized)).Should().Be("Invalid API key");
    }

    [Fact]
    public async Task The_example_session_of_the_protocol_works_message_by_message()
    {
        if (server.UnavailableReason is not null) { return; }
        var x = Wire.NewKey();
        await Wire.CreateInt64ArrayAsync(server.Http, x, 1, 2, 3);
        using var socket = new MultiSocket(await ConnectMultiAsync(server.BaseUrl, "?envelope_format=json", apiKey: null));

        await socket.SendAsync($$"""{"type":"connection_auth","api_key":"{{TiledServerFixture.ApiKey}}"}""");
        ShouldBeJson(await socket.ReceiveAsync(), """{"type":"connection_ack"}""");

        await socket.SendAsync($$"""{"type":"subscribe","id":"s1","path":"{{x}}","start":1}""");
        var ack = await socket.ReceiveAsync();
        (Type(ack), ack["id"]!.GetValue<string>(), ack["path"]!.GetValue<string>()).Should().Be(("subscribe_ack", "s1", x), ack.ToJsonString());
        var schema = await socket.ReceiveAsync();
        (Type(schema), schema["id"]!.GetValue<string>(), schema["path"]!.GetValue<string>()).Should().Be(("next", "s1", x));
        schema["metadata"]!["type"]!.GetValue<string>().Should().Be("array-schema");
        schema["metadata"]!["data_type"]!["kind"]!.GetValue<string>().Should().Be("i");
        var data = (await socket.ReceiveAsync())["metadata"]!;
        data["type"]!.GetValue<string>().Should().Be("array-data");
        data["sequence"]!.GetValue<long>().Should().Be(1);
        data["content-type"]!.GetValue<string>().Should().Be("application/json");
        data["payload"]!.ToJsonString().Should().Be("[1,2,3]");

        await socket.SendAsync("""{"type":"subscribe","id":"s2","path":"","start":null}""");
        (await socket.ReceiveAsync())["id"]!.GetValue<string>().Should().Be("s2");
        (await socket.ReceiveAsync())["metadata"]!["type"]!.GetValue<string>().Should().Be("container-schema");

        await socket.SendAsync("""{"type":"subscribe","id":"s3","path":"nope"}""");
        ShouldBeJson(await socket.ReceiveAsync(), """{"type":"error","id":"s3","path":"nope","error":"No such entry: ['nope']"}""");

        await socket.SendAsync("""{"type":"ping","payload":"42"}""");
        ShouldBeJson(await socket.ReceiveAsync(), """{"type":"pong","payload":"42"}""");

        (await server.Http.DeleteAsync($"/api/v1/stream/close/{x}")).EnsureSuccessStatusCode();
        ShouldBeJson(await socket.ReceiveAsync(), $$"""{"type":"complete","id":"s1","path":"{{x}}","reason":"end-of-stream"}""");

        await socket.SendAsync("""{"type":"complete","id":"s2"}""");
        (await socket.DrainWithPingAsync("after")).Should().BeEmpty("the socket stays open and s2 sends nothing more");
        await socket.Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None).WaitAsync(WebSocketClient.Deadline);
        socket.Socket.CloseStatus.Should().Be(WebSocketCloseStatus.NormalClosure);
    }

    [Fact]
    public async Task Live_updates_of_several_nodes_arrive_tagged_with_their_subscription_in_order()
    {
        if (server.UnavailableReason is not null) { return; }
        var (a, b) = (Wire.NewKey(), Wire.NewKey());
        await Wire.CreateInt64ArrayAsync(server.Http, a, 0);
        await Wire.CreateInt64ArrayAsync(server.Http, b, 0);
        using var socket = new MultiSocket(await ConnectMultiAsync(server.BaseUrl));
        ShouldBeJson(await socket.ReceiveAsync(), """{"type":"connection_ack"}""");
        await socket.SendAsync($$"""{"type":"subscribe","id":"a","path":"{{a}}","start":null}""");
        await socket.SendAsync($$"""{"type":"subscribe","id":"b","path":"{{b}}","start":null}""");
        // Both schemas first (the two subscriptions start independently), then nothing else is pending.
        var schemas = 0;
        await socket.ReceiveUntilAsync(m => Type(m) == "next" && ++schemas == 2);
        await socket.DrainWithPingAsync("ready");

        for (var i = 1; i <= 5; i++)
        {
            (await server.Http.PutAsync($"/api/v1/array/full/{a}", Wire.Octets(Wire.Int64s(i)))).EnsureSuccessStatusCode();
            (await server.Http.PutAsync($"/api/v1/array/full/{b}", Wire.Octets(Wire.Int64s(10 * i)))).EnsureSuccessStatusCode();
        }

        var updates = new List<JsonObject>();
        while (updates.Count < 10)
        {
            updates.Add(await socket.ReceiveAsync());
        }

        updates.Should().OnlyContain(m => Type(m) == "next", Describe(updates));
        Payloads(updates, "a").Should().Equal(1, 2, 3, 4, 5);
        Payloads(updates, "b").Should().Equal(10, 20, 30, 40, 50);
        Sequences(updates, "a").Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task The_msgpack_envelope_sends_next_as_a_map_with_the_raw_payload_and_msgpack_messages_are_understood()
    {
        if (server.UnavailableReason is not null) { return; }
        var x = Wire.NewKey();
        await Wire.CreateInt64ArrayAsync(server.Http, x, 1, 2, 3);
        using var socket = new MultiSocket(await ConnectMultiAsync(server.BaseUrl, "?envelope_format=msgpack"));
        (await socket.ReceiveMapAsync())["type"].Should().Be("connection_ack");

        await socket.SendMsgpackAsync(new Dictionary<string, object?> { ["type"] = "subscribe", ["id"] = "m", ["path"] = x, ["start"] = 1L });

        (await socket.ReceiveMapAsync()).Should().Contain("type", "subscribe_ack").And.Contain("id", "m");
        var schema = await socket.ReceiveMapAsync();
        schema.Should().Contain("type", "next").And.Contain("id", "m").And.Contain("path", x);
        ((Dictionary<string, object?>)schema["metadata"]!)["type"].Should().Be("array-schema");
        var data = (Dictionary<string, object?>)(await socket.ReceiveMapAsync())["metadata"]!;
        data.Should().Contain("type", "array-data").And.Contain("sequence", 1L).And.NotContainKey("content-type");
        Wire.ToInt64s(data["payload"].Should().BeOfType<byte[]>().Subject).Should().Equal(1, 2, 3);
    }

    [Fact]
    public async Task A_duplicate_id_is_refused_and_a_completed_id_can_subscribe_again_from_a_start()
    {
        if (server.UnavailableReason is not null) { return; }
        var x = Wire.NewKey();
        await Wire.CreateInt64ArrayAsync(server.Http, x, 1);
        (await server.Http.PutAsync($"/api/v1/array/full/{x}", Wire.Octets(Wire.Int64s(2)))).EnsureSuccessStatusCode();
        using var socket = new MultiSocket(await ConnectMultiAsync(server.BaseUrl));
        await socket.ReceiveAsync();
        await socket.SendAsync($$"""{"type":"subscribe","id":"s","path":"{{x}}","start":null}""");
        await socket.ReceiveUntilAsync(m => Type(m) == "next");

        await socket.SendAsync($$"""{"type":"subscribe","id":"s","path":"{{x}}"}""");
        ShouldBeJson(await socket.ReceiveAsync(), $$"""{"type":"error","id":"s","path":"{{x}}","error":"Subscription id 's' already in use."}""");

        await socket.SendAsync("""{"type":"complete","id":"s"}""");
        await socket.SendAsync($$"""{"type":"subscribe","id":"s","path":"{{x}}","start":2}""");
        var replay = await socket.ReceiveUntilAsync(m => m["metadata"]?["type"]?.GetValue<string>() == "array-data");
        replay.Select(Type).Should().Equal("subscribe_ack", "next", "next");
        replay[^1]["metadata"]!["sequence"]!.GetValue<long>().Should().Be(2);
        replay[^1]["metadata"]!["payload"]!.ToJsonString().Should().Be("[2]");
    }

    [Theory]
    [InlineData("not json", "Could not decode JSON message.")]
    [InlineData("[1,2]", "Could not decode JSON message: not an object.")]
    [InlineData("""{"id":"s"}""", "The message has no string 'type'.")]
    [InlineData("""{"type":"subscribe","id":"s","path":"x","start":-1}""", "start must be a non-negative integer, or null for live updates only.")]
    [InlineData("""{"type":"subscribe","id":"s","path":"x","start":"one"}""", "start must be a non-negative integer, or null for live updates only.")]
    [InlineData("""{"type":"subscribe","id":"s"}""", "A subscribe message needs a 'path' (\"\" for the root).")]
    [InlineData("""{"type":"subscribe","id":7,"path":"x"}""", "'id' must be a string.")]
    [InlineData("""{"type":"unsubscribe","id":"s"}""", "Unknown message type 'unsubscribe': expected subscribe, complete, ping or pong.")]
    public async Task A_bad_message_gets_an_error_saying_what_is_wrong_and_the_socket_stays_open(string message, string error)
    {
        if (server.UnavailableReason is not null) { return; }
        using var socket = new MultiSocket(await ConnectMultiAsync(server.BaseUrl));
        await socket.ReceiveAsync();

        await socket.SendAsync(message);

        var reply = await socket.ReceiveAsync();
        (Type(reply), reply["error"]!.GetValue<string>()).Should().Be(("error", error));
        (await socket.DrainWithPingAsync("still open")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_hundred_subscriptions_on_one_socket_each_get_their_node_s_writes_once_in_order()
    {
        if (server.UnavailableReason is not null) { return; }
        const int Nodes = 5, PerNode = 20, Writes = 10;
        var keys = Enumerable.Range(0, Nodes).Select(_ => Wire.NewKey()).ToArray();
        foreach (var key in keys)
        {
            await Wire.CreateInt64ArrayAsync(server.Http, key, 0);
        }

        using var socket = new MultiSocket(await ConnectMultiAsync(server.BaseUrl));
        await socket.ReceiveAsync();
        for (var i = 0; i < Nodes * PerNode; i++)
        {
            await socket.SendAsync($$"""{"type":"subscribe","id":"s{{i}}","path":"{{keys[i % Nodes]}}","start":2}""");
        }

        // Each subscription starts after the creation's write (sequence 1); the writers run concurrently, one per node.
        await Task.WhenAll(keys.Select(key => Task.Run(async () =>
        {
            for (var w = 1; w <= Writes; w++)
            {
                (await server.Http.PutAsync($"/api/v1/array/full/{key}", Wire.Octets(Wire.Int64s(w)))).EnsureSuccessStatusCode();
            }
        })));

        var perSubscription = new Dictionary<string, List<long>>();
        var expected = Nodes * PerNode * Writes;
        var received = 0;
        while (received < expected)
        {
            var message = await socket.ReceiveAsync();
            if (message["metadata"]?["type"]?.GetValue<string>() != "array-data")
            {
                continue;
            }

            var id = message["id"]!.GetValue<string>();
            var path = message["path"]!.GetValue<string>();
            path.Should().Be(keys[int.Parse(id[1..], System.Globalization.CultureInfo.InvariantCulture) % Nodes]);
            (perSubscription.TryGetValue(id, out var list) ? list : perSubscription[id] = []).Add(message["metadata"]!["payload"]![0]!.GetValue<long>());
            received++;
        }

        perSubscription.Should().HaveCount(Nodes * PerNode);
        perSubscription.Values.Should().AllSatisfy(values => values.Should().Equal(Enumerable.Range(1, Writes).Select(n => (long)n)));
    }

    [Fact]
    public async Task Deleting_a_node_tells_the_parent_s_subscription_and_completes_the_node_s_own_with_node_deleted()
    {
        if (server.UnavailableReason is not null) { return; }
        var folder = Wire.NewKey();
        (await server.Http.PostAsync("/api/v1/metadata/", Wire.Json(Wire.ContainerBody(folder)))).EnsureSuccessStatusCode();
        (await server.Http.PostAsync($"/api/v1/metadata/{folder}", Wire.Json(Wire.ContainerBody("child")))).EnsureSuccessStatusCode();
        using var socket = new MultiSocket(await ConnectMultiAsync(server.BaseUrl));
        await socket.ReceiveAsync();
        await socket.SendAsync($$"""{"type":"subscribe","id":"parent","path":"{{folder}}","start":null}""");
        await socket.SendAsync($$"""{"type":"subscribe","id":"child","path":"{{folder}}/child","start":null}""");
        // Each subscription opens on its own: wait for both schemas, in whichever order they come.
        var schemas = new HashSet<string>();
        await socket.ReceiveUntilAsync(m => Type(m) == "next" && schemas.Add(m["id"]!.GetValue<string>()) && schemas.Count == 2);
        await socket.DrainWithPingAsync("ready");

        (await server.Http.DeleteAsync($"/api/v1/metadata/{folder}/child")).EnsureSuccessStatusCode();

        // The two subscriptions' messages come in either order.
        var messages = new List<JsonObject> { await socket.ReceiveAsync(), await socket.ReceiveAsync() };
        var deleted = messages.Single(m => Type(m) == "next");
        (deleted["id"]!.GetValue<string>(), deleted["metadata"]!["type"]!.GetValue<string>(), deleted["metadata"]!["key"]!.GetValue<string>())
            .Should().Be(("parent", "container-child-deleted", "child"));
        ShouldBeJson(messages.Single(m => Type(m) == "complete"), $$"""{"type":"complete","id":"child","path":"{{folder}}/child","reason":"node-deleted"}""");
        (await socket.DrainWithPingAsync("after")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_metadata_update_reaches_the_node_s_own_subscription_as_metadata_updated()
    {
        if (server.UnavailableReason is not null) { return; }
        var x = Wire.NewKey();
        await Wire.CreateInt64ArrayAsync(server.Http, x, 1);
        using var socket = new MultiSocket(await ConnectMultiAsync(server.BaseUrl));
        await socket.ReceiveAsync();
        await socket.SendAsync($$"""{"type":"subscribe","id":"x","path":"{{x}}","start":null}""");
        await socket.ReceiveUntilAsync(m => Type(m) == "next");

        var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/metadata/{x}")
        {
            Content = Wire.Json(new JsonObject { ["content-type"] = "application/merge-patch+json", ["metadata"] = new JsonObject { ["color"] = "blue" } }),
        };
        (await server.Http.SendAsync(patch)).EnsureSuccessStatusCode();

        var update = (await socket.ReceiveAsync())["metadata"]!;
        (update["type"]!.GetValue<string>(), update["key"]!.GetValue<string>(), update["metadata"]!["color"]!.GetValue<string>())
            .Should().Be(("metadata-updated", x, "blue"));
        update["sequence"]!.GetValue<long>().Should().Be(2);
    }

    private static void ShouldBeJson(JsonObject actual, string expected) =>
        JsonNode.DeepEquals(actual, JsonNode.Parse(expected)).Should().BeTrue($"{actual.ToJsonString()} should be {expected}");

    private static IEnumerable<long> Payloads(List<JsonObject> updates, string id) =>
        updates.Where(m => m["id"]!.GetValue<string>() == id).Select(m => m["metadata"]!["payload"]![0]!.GetValue<long>());

    private static IEnumerable<long> Sequences(List<JsonObject> updates, string id) =>
        updates.Where(m => m["id"]!.GetValue<string>() == id).Select(m => m["metadata"]!["sequence"]!.GetValue<long>());
}

public sealed class MemoryMultiplexedStreamTests(SqliteServer server) : MultiplexedStreamTests<SqliteServer>(server);

public sealed class RedisMultiplexedStreamTests(SqliteRedisServer server) : MultiplexedStreamTests<SqliteRedisServer>(server);
