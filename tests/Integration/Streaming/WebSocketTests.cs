using System.Net;
using System.Net.WebSockets;
using FluentAssertions;
using Tiled.IntegrationTests.Infrastructure;
using Xunit;
using static Tiled.IntegrationTests.Streaming.WebSocketClient;

namespace Tiled.IntegrationTests.Streaming;

/// <summary>The subscription WebSocket of a private server (protocol §9.3-9.7): refusals, auth, envelopes, closing.</summary>
public sealed class WebSocketTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    [Fact]
    public async Task A_plain_GET_is_refused_with_400()
    {
        if (server.UnavailableReason is not null) { return; }

        var response = await server.Http.GetAsync("/api/v1/stream/single/");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("?envelope_format=xml")]
    [InlineData("?start=abc")]
    [InlineData("?start=-1")]
    [InlineData("?start=1.5")]
    public async Task Bad_query_parameters_are_refused_with_400_before_the_upgrade(string query)
    {
        if (server.UnavailableReason is not null) { return; }

        var response = await RequestUpgradeAsync(server.Http, query);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_wrong_key_is_refused_with_401_Invalid_API_key()
    {
        if (server.UnavailableReason is not null) { return; }

        var response = await RequestUpgradeAsync(server.Anonymous, "", "Apikey wrong");

        (await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized)).Should().Be("Invalid API key");
    }

    [Fact]
    public async Task A_wrong_key_in_the_query_is_refused_with_401()
    {
        if (server.UnavailableReason is not null) { return; }

        var response = await RequestUpgradeAsync(server.Anonymous, "?api_key=wrong");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_Bearer_token_is_refused_with_400_as_Tiled_does()
    {
        if (server.UnavailableReason is not null) { return; }

        var response = await RequestUpgradeAsync(server.Anonymous, "", "Bearer abc");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_unknown_node_is_refused_with_404_and_Tiled_s_detail()
    {
        if (server.UnavailableReason is not null) { return; }

        var response = await RequestUpgradeAsync(server.Http, "nope/deeper");

        (await response.ShouldBeProblemAsync(HttpStatusCode.NotFound)).Should().Be("No such entry: ['nope', 'deeper']");
    }

    [Fact]
    public async Task The_root_container_subscription_starts_with_the_container_schema()
    {
        if (server.UnavailableReason is not null) { return; }
        using var socket = await ConnectAsync(server, "?envelope_format=msgpack");

        var schema = await ReceiveMapAsync(socket);

        schema.Should().BeEquivalentTo(new Dictionary<string, object?> { ["type"] = "container-schema", ["version"] = 1L });
    }

    [Fact]
    public async Task The_api_key_query_parameter_is_accepted_like_on_every_HTTP_route()
    {
        if (server.UnavailableReason is not null) { return; }
        using var socket = await ConnectAsync(server, $"?api_key={TiledServerFixture.ApiKey}", apiKey: null);

        var schema = await ReceiveJsonAsync(socket);

        schema["type"]!.GetValue<string>().Should().Be("container-schema");
    }

    [Fact]
    public async Task Without_credentials_the_first_frame_authenticates_and_gets_no_reply_but_the_schema()
    {
        if (server.UnavailableReason is not null) { return; }
        using var socket = await ConnectAsync(server, "", apiKey: null);

        await SendTextAsync(socket, $$"""{"type": "auth", "api_key": "{{TiledServerFixture.ApiKey}}"}""");

        (await ReceiveJsonAsync(socket))["type"]!.GetValue<string>().Should().Be("container-schema");
    }

    [Theory]
    [InlineData("hello", 4001)]
    [InlineData("""{"type": "hello"}""", 4001)]
    [InlineData("""{"type": "auth", "api_key": "wrong"}""", 4003)]
    public async Task A_bad_first_frame_closes_the_socket_with_Tiled_s_close_code(string frame, int code)
    {
        if (server.UnavailableReason is not null) { return; }
        using var socket = await ConnectAsync(server, "", apiKey: null);

        await SendTextAsync(socket, frame);

        (await ReadUntilCloseAsync(socket)).Code.Should().Be(code);
    }

    [Fact]
    public async Task An_unknown_node_found_only_after_the_auth_frame_closes_with_1008_and_the_detail()
    {
        if (server.UnavailableReason is not null) { return; }
        using var socket = await ConnectAsync(server, "nope", apiKey: null);

        await SendTextAsync(socket, $$"""{"type": "auth", "api_key": "{{TiledServerFixture.ApiKey}}"}""");

        (await ReadUntilCloseAsync(socket)).Should().Be((1008, "No such entry: ['nope']"));
    }

    [Fact]
    public async Task A_closed_array_stream_replays_in_the_json_envelope_then_closes_with_1000()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey();
        await Wire.CreateInt64ArrayAsync(server.Http, key, 1, 2, 3);
        (await server.Http.DeleteAsync($"/api/v1/stream/close//{key}")).EnsureSuccessStatusCode();
        using var socket = await ConnectAsync(server, $"/{key}?envelope_format=json&start=0");

        var schema = await ReceiveJsonAsync(socket);
        var update = await ReceiveJsonAsync(socket);

        schema["type"]!.GetValue<string>().Should().Be("array-schema");
        schema["data_type"]!["kind"]!.GetValue<string>().Should().Be("i");
        update["sequence"]!.GetValue<long>().Should().Be(1);
        update["content-type"]!.GetValue<string>().Should().Be("application/json");
        update["payload"]!.ToJsonString().Should().Be("[1,2,3]");
        (await ReadUntilCloseAsync(socket)).Should().Be((1000, "Producer ended stream"));
    }

    [Fact]
    public async Task A_live_msgpack_subscriber_gets_each_write_as_one_binary_frame_with_the_raw_payload()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey();
        await Wire.CreateInt64ArrayAsync(server.Http, key, 1, 2, 3);
        using var socket = await ConnectAsync(server, $"{key}?envelope_format=msgpack");
        (await ReceiveMapAsync(socket))["type"].Should().Be("array-schema");

        (await server.Http.PutAsync($"/api/v1/array/full/{key}", Wire.Octets(Wire.Int64s(7, 8, 9)))).EnsureSuccessStatusCode();

        var update = await ReceiveMapAsync(socket);
        update["type"].Should().Be("array-data");
        update["sequence"].Should().Be(2L);
        update.Should().ContainKeys("offset", "block").And.NotContainKey("data_type");
        Wire.ToInt64s(update["payload"].Should().BeOfType<byte[]>().Subject).Should().Equal(7, 8, 9);
    }

    [Fact]
    public async Task A_subscriber_that_closes_its_socket_gets_its_close_answered()
    {
        if (server.UnavailableReason is not null) { return; }
        using var socket = await ConnectAsync(server, "");
        await ReceiveAsync(socket);

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None).WaitAsync(Deadline);

        socket.State.Should().Be(WebSocketState.Closed);
        socket.CloseStatus.Should().Be(WebSocketCloseStatus.NormalClosure);
    }

    [Fact]
    public async Task Deleting_a_subscribed_node_closes_with_1000_Node_deleted_and_says_so_first_when_extensions_are_asked_for()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey();
        await Wire.CreateInt64ArrayAsync(server.Http, key, 1, 2, 3);
        using var plain = await ConnectAsync(server, $"{key}?envelope_format=json");
        using var extended = await ConnectAsync(server, $"{key}?envelope_format=json&extensions=true");
        await ReceiveJsonAsync(plain);
        await ReceiveJsonAsync(extended);

        (await server.Http.DeleteAsync($"/api/v1/metadata/{key}?external_only=false")).EnsureSuccessStatusCode();

        (await ReadUntilCloseAsync(plain)).Should().Be((1000, "Node deleted"));
        var closing = await ReceiveJsonAsync(extended);
        (closing["type"]!.GetValue<string>(), closing["code"]!.GetValue<int>(), closing["reason"]!.GetValue<string>())
            .Should().Be(("closing", 1000, "node-deleted"));
        (await ReadUntilCloseAsync(extended)).Should().Be((1000, "Node deleted"));
    }

    [Fact]
    public async Task A_bad_extensions_value_is_refused_with_400()
    {
        if (server.UnavailableReason is not null) { return; }

        var response = await RequestUpgradeAsync(server.Http, "?extensions=maybe");

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).Should().Contain("extensions");
    }
}
