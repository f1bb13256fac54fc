using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using FluentAssertions;
using Tiled.Client;
using Tiled.Client.Streaming;
using Tiled.Formats.DataTypes;
using Tiled.IntegrationTests.Infrastructure;
using Tiled.IntegrationTests.Streaming.Support;
using Xunit;
using static Tiled.IntegrationTests.Streaming.WebSocketClient;

namespace Tiled.IntegrationTests.Streaming;

/// <summary>A server on SQLite and the in-memory cache that streams persisted array writes above 256 bytes by reference.</summary>
public sealed class SmallInlineLimitServer : TiledServerFixture
{
    public const long InlineLimit = 256;

    protected override Task<string?> DatabaseUriAsync() =>
        Task.FromResult<string?>($"sqlite:///{Path.Combine(TempDirectory, "catalog.db")}");

    protected override Tiled.Api.Hosting.ServerSettings Adjust(Tiled.Api.Hosting.ServerSettings settings) =>
        settings with { StreamInlineLimitBytes = InlineLimit };
}

/// <summary>The same limit on PostgreSQL and Redis.</summary>
public sealed class SmallInlineLimitRedisServer : PostgresRedisServer
{
    protected override Tiled.Api.Hosting.ServerSettings Adjust(Tiled.Api.Hosting.ServerSettings settings) =>
        settings with { StreamInlineLimitBytes = SmallInlineLimitServer.InlineLimit };
}

public sealed class PayloadByReferenceMemoryTests(SmallInlineLimitServer server) : PayloadByReferenceTests<SmallInlineLimitServer>(server);

public sealed class PayloadByReferenceRedisTests(SmallInlineLimitRedisServer server) : PayloadByReferenceTests<SmallInlineLimitRedisServer>(server);

/// <summary>
/// Large payloads by reference (Tiled issue #1154, issue #15 item 5): a persisted array write above
/// <c>--stream-inline-limit</c> is streamed as <c>array-ref</c> with the written fields and a
/// <c>uri</c> that reads exactly that region; subscribers that ask with <c>inline</c> get it as
/// <c>array-data</c> with the payload, on both transports and through the .NET client.
/// </summary>
public abstract class PayloadByReferenceTests<TServer>(TServer server) : IClassFixture<TServer>
    where TServer : TiledServerFixture
{
    // A 4x32 int64 array in two row blocks: a whole write is 1,024 bytes, a block 512, a row 256 (the limit).
    private static readonly long[] Shape = [4, 32];

    [Fact]
    public async Task A_large_persisted_write_is_an_array_ref_whose_uri_reads_exactly_the_written_region()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = await CreateAsync();
        using var socket = await ConnectAsync(server, key);
        (await ReceiveJsonAsync(socket))["type"]!.GetValue<string>().Should().Be("array-schema");

        var whole = Values(128, 1000);
        await PutAsync($"/api/v1/array/full/{key}", whole);
        var block = Values(64, 2000);
        await PutAsync($"/api/v1/array/block/{key}?block=1,0", block);

        var first = await ReceiveJsonAsync(socket);
        first["type"]!.GetValue<string>().Should().Be("array-ref");
        first.Should().ContainKeys("sequence", "timestamp", "data_source", "patch", "shape", "uri").And.NotContainKeys("payload", "data_type");
        first["data_source"]!["mimetype"]!.GetValue<string>().Should().NotBeEmpty();
        first["data_source"]!["assets"]!.AsArray().Should().BeEmpty();
        Longs(first["shape"]).Should().Equal(4, 32);
        Longs(first["array_data"]!["shape"]).Should().Equal(4, 32);
        first["array_data"]!["offset"].Should().BeNull();
        first["array_data"]!["block"].Should().BeNull();
        first["array_data"]!["bytes"]!.GetValue<long>().Should().Be(1024);
        first["uri"]!.GetValue<string>().Should().Be($"{server.BaseUrl}/api/v1/array/full/{key}?slice=0:4,0:32");

        var second = await ReceiveJsonAsync(socket);
        second["type"]!.GetValue<string>().Should().Be("array-ref");
        Longs(second["patch"]!["offset"]).Should().Equal(2, 0);
        Longs(second["patch"]!["shape"]).Should().Equal(2, 32);
        Longs(second["array_data"]!["block"]).Should().Equal(1, 0);
        Longs(second["array_data"]!["shape"]).Should().Equal(2, 32);

        (await ReadUriAsync(second)).Should().Equal(block);
        (await ReadUriAsync(first)).Should().Equal([.. whole.Take(64), .. block], "the uri reads the region as stored now");
    }

    [Fact]
    public async Task Writes_up_to_the_limit_and_writes_that_are_not_persisted_stay_inline()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = await CreateAsync();
        using var socket = await ConnectAsync(server, $"{key}?envelope_format=msgpack");
        await ReceiveMapAsync(socket);

        var row = Values(32, 10);
        await PatchAsync($"/api/v1/array/full/{key}?offset=1,0&shape=1,32", row);
        var transient = Values(128, 20);
        await PutAsync($"/api/v1/array/full/{key}?persist=false", transient);

        var patch = await ReceiveMapAsync(socket);
        patch["type"].Should().Be("array-data");
        Wire.ToInt64s((byte[])patch["payload"]!).Should().Equal(row);
        var whole = await ReceiveMapAsync(socket);
        whole["type"].Should().Be("array-data");
        Wire.ToInt64s((byte[])whole["payload"]!).Should().Equal(transient);
    }

    [Fact]
    public async Task A_subscriber_that_asks_for_inline_payloads_gets_array_data_in_replay_and_live()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = await CreateAsync();
        var whole = Values(128, 3000);
        await PutAsync($"/api/v1/array/full/{key}", whole);
        using var socket = await ConnectAsync(server, $"{key}?envelope_format=msgpack&start=1&inline=true");
        await ReceiveMapAsync(socket);

        var replayed = await ReceiveMapAsync(socket);
        var grown = Values(64, 4000);
        await PatchAsync($"/api/v1/array/full/{key}?offset=4,0&shape=2,32&extend=true", grown);
        var live = await ReceiveMapAsync(socket);

        replayed["type"].Should().Be("array-data");
        replayed["sequence"].Should().Be(1L);
        replayed.Should().ContainKeys("offset", "block").And.NotContainKeys("array_data", "uri", "patch");
        ((List<object?>)replayed["shape"]!).Should().Equal(4L, 32L);
        Wire.ToInt64s((byte[])replayed["payload"]!).Should().Equal(whole);
        live["type"].Should().Be("array-data");
        ((List<object?>)live["offset"]!).Should().Equal(4L, 0L);
        ((List<object?>)live["shape"]!).Should().Equal(2L, 32L);
        Wire.ToInt64s((byte[])live["payload"]!).Should().Equal(grown);
    }

    [Fact]
    public async Task On_a_multiplexed_socket_each_subscription_chooses_inline_or_by_reference()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = await CreateAsync();
        using var socket = new MultiSocket(await ConnectMultiAsync(server.BaseUrl, "?envelope_format=msgpack"));
        await socket.SendMsgpackAsync(new Dictionary<string, object?> { ["type"] = "subscribe", ["id"] = "ref", ["path"] = key, ["start"] = null });
        await socket.SendMsgpackAsync(new Dictionary<string, object?>
        {
            ["type"] = "subscribe", ["id"] = "inline", ["path"] = key, ["start"] = null, ["inline"] = true,
        });
        var schemas = 0;
        while (schemas < 2)
        {
            var setup = await socket.ReceiveMapAsync();
            setup["type"].Should().BeOneOf("connection_ack", "subscribe_ack", "next");
            schemas += (string?)setup["type"] == "next" ? 1 : 0;
        }

        var whole = Values(128, 5000);
        await PutAsync($"/api/v1/array/full/{key}", whole);
        var updates = new Dictionary<string, Dictionary<string, object?>>();
        for (var i = 0; i < 2; i++)
        {
            var next = await socket.ReceiveMapAsync();
            next["type"].Should().Be("next");
            updates[(string)next["id"]!] = (Dictionary<string, object?>)next["metadata"]!;
        }

        updates["ref"]["type"].Should().Be("array-ref");
        updates["ref"].Should().ContainKey("uri").And.NotContainKey("payload");
        updates["inline"]["type"].Should().Be("array-data");
        updates["inline"]["sequence"].Should().Be(updates["ref"]["sequence"]);
        Wire.ToInt64s((byte[])updates["inline"]["payload"]!).Should().Equal(whole);
    }

    [Fact]
    public async Task A_subscribe_message_with_a_non_boolean_inline_gets_an_error_naming_it()
    {
        if (server.UnavailableReason is not null) { return; }
        using var socket = new MultiSocket(await ConnectMultiAsync(server.BaseUrl));
        await socket.SendAsync("""{"type":"subscribe","id":"a","path":"","inline":"yes"}""");

        var error = (await socket.ReceiveUntilAsync(m => MultiSocket.Type(m) != "connection_ack")).Last();

        error["type"]!.GetValue<string>().Should().Be("error");
        error["error"]!.GetValue<string>().Should().Contain("'inline' must be true or false");
    }

    [Fact]
    public async Task Inline_must_be_a_boolean_on_the_single_stream_route()
    {
        if (server.UnavailableReason is not null) { return; }

        using var response = await RequestUpgradeAsync(server.Http, "?inline=maybe", $"Apikey {TiledServerFixture.ApiKey}");

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("inline");
    }

    [Fact]
    public async Task The_dotnet_client_delivers_writes_sent_by_reference_as_new_data_on_both_transports()
    {
        if (server.UnavailableReason is not null) { return; }
        var client = await server.ConnectAsync();
        var x = (ArrayClient)await client.NewAsync("array", [DataSourceSpec.WritableArray(DataType.Int64, 128)], Wire.NewKey());
        var received = Channel.CreateUnbounded<(string Who, long[] Values)>();
        await using var byReference = x.Subscribe();
        await using var inline = x.Subscribe();
        inline.InlinePayloads = true;
        await using var shared = x.Subscribe();
        byReference.NewData += u => received.Writer.WriteAsync(("reference", u.Data<long>().Values)).AsTask();
        inline.NewData += u => received.Writer.WriteAsync(("inline", u.Data<long>().Values)).AsTask();
        shared.NewData += u => received.Writer.WriteAsync(("session", u.Data<long>().Values)).AsTask();
        await byReference.StartAsync();
        await inline.StartAsync();
        await using var session = await client.OpenStreamSessionAsync();
        await shared.StartAsync(session);

        var values = Values(128, 6000);
        await x.WriteAsync(NdArray.From(values));

        var got = new List<(string Who, long[] Values)>();
        for (var i = 0; i < 3; i++)
        {
            got.Add(await received.Reader.ReadAsync().AsTask().WaitAsync(WebSocketClient.Deadline));
        }

        got.Select(g => g.Who).Should().BeEquivalentTo("reference", "inline", "session");
        got.Should().AllSatisfy(g => g.Values.Should().Equal(values));
    }

    private static long[] Values(int count, long first) => Enumerable.Range(0, count).Select(i => first + i).ToArray();

    private static long[] Longs(JsonNode? node) => node!.AsArray().Select(n => n!.GetValue<long>()).ToArray();

    private async Task<string> CreateAsync()
    {
        var key = Wire.NewKey("ref");
        (await server.Http.PostAsync("/api/v1/metadata/", Wire.Json(Wire.ArrayBody(key, "i", 8, Shape, [[2, 2], [32]])))).EnsureSuccessStatusCode();
        return key;
    }

    private async Task PutAsync(string url, long[] values) =>
        (await server.Http.PutAsync(url, Wire.Octets(Wire.Int64s(values)))).EnsureSuccessStatusCode();

    private async Task PatchAsync(string url, long[] values) =>
        (await server.Http.PatchAsync(url, Wire.Octets(Wire.Int64s(values)))).EnsureSuccessStatusCode();

    private async Task<long[]> ReadUriAsync(JsonObject reference)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, reference["uri"]!.GetValue<string>());
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/octet-stream"));
        using var response = await server.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return Wire.ToInt64s(await response.Content.ReadAsByteArrayAsync());
    }
}
