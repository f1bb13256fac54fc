using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.IntegrationTests.Infrastructure;
using Tiled.IntegrationTests.Streaming.Support;
using Xunit;
using static Tiled.IntegrationTests.Streaming.Support.MultiSocket;
using static Tiled.IntegrationTests.Streaming.WebSocketClient;

namespace Tiled.IntegrationTests.Streaming;

/// <summary><c>/stream/multi</c>: first-message authentication, and scopes checked per subscription.</summary>
public sealed class MultiplexedStreamAccessTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    [Theory]
    [InlineData("hello", 4001)]
    [InlineData("""{"type": "subscribe", "path": ""}""", 4001)]
    [InlineData("""{"type": "connection_auth", "api_key": "wrong"}""", 4003)]
    public async Task A_bad_first_frame_closes_the_socket_as_on_the_single_stream(string frame, int code)
    {
        if (server.UnavailableReason is not null) { return; }
        using var socket = await ConnectMultiAsync(server.BaseUrl, apiKey: null);

        await SendTextAsync(socket, frame);

        (await ReadUntilCloseAsync(socket)).Code.Should().Be(code);
    }

    [Fact]
    public async Task The_single_stream_s_auth_message_is_accepted_too()
    {
        if (server.UnavailableReason is not null) { return; }
        using var socket = new MultiSocket(await ConnectMultiAsync(server.BaseUrl, apiKey: null));

        await socket.SendAsync($$"""{"type": "auth", "api_key": "{{TiledServerFixture.ApiKey}}"}""");

        Type(await socket.ReceiveAsync()).Should().Be("connection_ack");
    }

    [Theory]
    [InlineData("read:metadata", "read:data")]
    [InlineData("read:data", "read:metadata")]
    public async Task A_key_lacking_a_read_scope_connects_but_each_subscription_is_refused_naming_it(string held, string missing)
    {
        if (server.UnavailableReason is not null) { return; }
        var secret = await StoredKeyAsync(held);

        foreach (var viaFirstFrame in new[] { false, true })
        {
            using var socket = new MultiSocket(await ConnectMultiAsync(server.BaseUrl, apiKey: viaFirstFrame ? null : secret));
            if (viaFirstFrame)
            {
                await socket.SendAsync($$"""{"type": "connection_auth", "api_key": "{{secret}}"}""");
            }

            Type(await socket.ReceiveAsync()).Should().Be("connection_ack");
            await socket.SendAsync("""{"type":"subscribe","id":"r","path":""}""");
            var error = await socket.ReceiveAsync();
            (Type(error), error["id"]!.GetValue<string>(), error["error"]!.GetValue<string>())
                .Should().Be(("error", "r", $"Not enough permissions: requires scope '{missing}'"));
            (await socket.DrainWithPingAsync("open")).Should().BeEmpty();
        }
    }

    private async Task<string> StoredKeyAsync(params string[] scopes)
    {
        var database = server.Settings.DatabaseUri;
        var admin = await TiledCli.RunOkAsync("admin", "create-principal", database, "--role", "admin");
        using var adminClient = new HttpClient
        {
            BaseAddress = new Uri(server.BaseUrl),
            DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Apikey", await TiledCli.RunOkAsync("api-key", "create", database, "--principal", admin)) },
        };
        using var created = await adminClient.PostAsync($"/api/v1/auth/principal/{admin}/apikey", Wire.Json(new JsonObject
        {
            ["scopes"] = new JsonArray([.. scopes.Select(s => (JsonNode?)s)]),
            ["expires_in"] = null,
        }));
        created.EnsureSuccessStatusCode();
        return (await Wire.ReadJsonAsync(created))["secret"]!.ToString();
    }
}

/// <summary>A server whose subscription sockets have a small send budget (256 KiB).</summary>
public sealed class SmallBudgetServer : TiledServerFixture
{
    public const long Budget = 256 * 1024;

    protected override Task<string?> DatabaseUriAsync() =>
        Task.FromResult<string?>($"sqlite:///{Path.Combine(TempDirectory, "catalog.db")}");

    protected override Tiled.Api.Hosting.ServerSettings Adjust(Tiled.Api.Hosting.ServerSettings settings) =>
        settings with { StreamSockets = new Tiled.Api.Streaming.StreamSocketOptions { MaxQueuedBytes = Budget } };
}

/// <summary>A multiplexed socket whose client stops reading stays within its budget and is told where each subscription resumes.</summary>
public sealed class MultiplexedStalledSocketTests(SmallBudgetServer server) : IClassFixture<SmallBudgetServer>
{
    [Fact]
    public async Task A_stalled_socket_is_closed_with_1013_after_naming_each_subscription_s_resume_point_and_loses_nothing_before_it()
    {
        if (server.UnavailableReason is not null) { return; }
        const int Frames = 200, Elements = 16 * 1024;
        var (a, b) = (Wire.NewKey(), Wire.NewKey());
        await Wire.CreateInt64ArrayAsync(server.Http, a, new long[Elements]);
        await Wire.CreateInt64ArrayAsync(server.Http, b, 0);
        using var socket = new MultiSocket(await ConnectMultiAsync(server.BaseUrl, "?envelope_format=msgpack"));
        await socket.ReceiveMapAsync();
        await socket.SendMsgpackAsync(new Dictionary<string, object?> { ["type"] = "subscribe", ["id"] = "a", ["path"] = a, ["start"] = null });
        await socket.SendMsgpackAsync(new Dictionary<string, object?> { ["type"] = "subscribe", ["id"] = "b", ["path"] = b, ["start"] = 1L });
        var sequences = new Dictionary<string, List<long>> { ["a"] = [], ["b"] = [] };
        Dictionary<string, object?>? closing = null;
        var acknowledged = 0;
        void Record(Dictionary<string, object?> message)
        {
            switch (message["type"] as string)
            {
                case "subscribe_ack":
                    acknowledged++;
                    break;
                case "connection_closing":
                    closing = message;
                    break;
                case "next" when message["metadata"] is Dictionary<string, object?> inner && inner.ContainsKey("sequence"):
                    sequences[(string)message["id"]!].Add((long)inner["sequence"]!);
                    break;
            }
        }

        while (acknowledged < 2)
        {
            Record(await socket.ReceiveMapAsync());
        }

        // The client reads nothing more while 200 frames of 128 KiB (25 MiB) are written: far beyond the budget and the socket buffers.
        var frame = Wire.Octets(Wire.Int64s(new long[Elements]));
        for (var i = 0; i < Frames; i++)
        {
            (await server.Http.PutAsync($"/api/v1/array/full/{a}", frame)).EnsureSuccessStatusCode();
        }

        while (true)
        {
            var (type, data) = await ReceiveAsync(socket.Socket);
            if (type == WebSocketMessageType.Close)
            {
                break;
            }

            Record((Dictionary<string, object?>)Tiled.Formats.MessagePack.MessagePackValue.Decode(data)!);
        }

        socket.Socket.CloseStatus.Should().Be((WebSocketCloseStatus)1013);
        closing.Should().NotBeNull();
        closing!["code"].Should().Be(1013L);
        var resume = (Dictionary<string, object?>)closing["resume"]!;
        sequences["a"].Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        sequences["a"].Count.Should().BeLessThan(Frames, "the client fell behind, so the server stopped before the end");
        resume["a"].Should().Be(sequences["a"].Count > 0 ? sequences["a"][^1] + 1 : null);
        // b's replayed update may have been dropped from the queue with a's frames: then it resumes from its start.
        sequences["b"].Should().BeSubsetOf([1L]);
        resume["b"].Should().Be(sequences["b"].Count > 0 ? 2L : 1L);
    }
}

/// <summary>Two servers on one PostgreSQL catalog and one Redis: a multiplexed subscriber of one sees the writes of both once each, in order.</summary>
public sealed class MultiplexedAcrossServersTests(PostgresRedisServer server) : IClassFixture<PostgresRedisServer>
{
    [Fact]
    public async Task Writers_on_both_servers_reach_every_subscription_of_a_multiplexed_socket_once_each_in_sequence_order()
    {
        if (server.UnavailableReason is not null) { return; }
        const int Writes = 40;
        await using var second = await SecondServer.StartAsync(server.Settings);
        using var secondHttp = new HttpClient { BaseAddress = new Uri(second.BaseUrl) };
        secondHttp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Apikey", TiledServerFixture.ApiKey);
        var keys = new[] { Wire.NewKey(), Wire.NewKey() };
        foreach (var key in keys)
        {
            await Wire.CreateInt64ArrayAsync(server.Http, key, 0);
        }

        using var socket = new MultiSocket(await ConnectMultiAsync(second.BaseUrl));
        await socket.ReceiveAsync();
        for (var i = 0; i < 4; i++)
        {
            await socket.SendAsync($$"""{"type":"subscribe","id":"s{{i}}","path":"{{keys[i % 2]}}","start":2}""");
        }

        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var http = w % 2 == 0 ? server.Http : secondHttp;
            for (var n = 0; n < Writes; n++)
            {
                (await http.PutAsync($"/api/v1/array/full/{keys[w / 2]}", Wire.Octets(Wire.Int64s(w * 1000 + n)))).EnsureSuccessStatusCode();
            }
        })));

        var sequences = Enumerable.Range(0, 4).ToDictionary(i => $"s{i}", _ => new List<long>());
        var payloads = Enumerable.Range(0, 4).ToDictionary(i => $"s{i}", _ => new List<long>());
        for (var received = 0; received < 4 * 2 * Writes;)
        {
            var message = await socket.ReceiveAsync();
            if (message["metadata"]?["type"]?.GetValue<string>() == "array-data")
            {
                var id = message["id"]!.GetValue<string>();
                sequences[id].Add(message["metadata"]!["sequence"]!.GetValue<long>());
                payloads[id].Add(message["metadata"]!["payload"]![0]!.GetValue<long>());
                received++;
            }
        }

        foreach (var (id, numbers) in sequences)
        {
            numbers.Should().Equal(Enumerable.Range(2, 2 * Writes).Select(n => (long)n), $"{id} gets every number once, in order");
            var node = int.Parse(id[1..], System.Globalization.CultureInfo.InvariantCulture) % 2;
            foreach (var writer in new[] { 2 * node, 2 * node + 1 })
            {
                payloads[id].Where(p => p / 1000 == writer).Should().Equal(Enumerable.Range(0, Writes).Select(n => (long)(writer * 1000 + n)));
            }
        }
    }

    [Fact]
    public async Task Extends_metadata_changes_and_a_deletion_through_one_server_reach_a_multiplexed_subscriber_of_the_other_in_order()
    {
        if (server.UnavailableReason is not null) { return; }
        await using var second = await SecondServer.StartAsync(server.Settings);
        var folder = Wire.NewKey();
        (await server.Http.PostAsync("/api/v1/metadata/", Wire.Json(Wire.ContainerBody(folder)))).EnsureSuccessStatusCode();
        (await server.Http.PostAsync($"/api/v1/metadata/{folder}", Wire.Json(Wire.Int64Body("x", 1)))).EnsureSuccessStatusCode();
        using var socket = new MultiSocket(await ConnectMultiAsync(second.BaseUrl));
        await socket.ReceiveAsync();
        await socket.SendAsync($$"""{"type":"subscribe","id":"folder","path":"{{folder}}","start":null}""");
        await socket.SendAsync($$"""{"type":"subscribe","id":"x","path":"{{folder}}/x","start":1}""");
        var schemas = 0;
        await socket.ReceiveUntilAsync(m => m["type"]!.GetValue<string>() == "next" && ++schemas == 2);

        for (var i = 1; i <= 5; i++)
        {
            (await server.Http.PatchAsync($"/api/v1/array/full/{folder}/x?offset={i}&shape=1&extend=true", Wire.Octets(Wire.Int64s(i)))).EnsureSuccessStatusCode();
        }

        (await server.Http.PatchAsync($"/api/v1/metadata/{folder}/x",
            Wire.Json(new JsonObject { ["content-type"] = "application/merge-patch+json", ["metadata"] = new JsonObject { ["done"] = true } }))).EnsureSuccessStatusCode();
        (await server.Http.DeleteAsync($"/api/v1/metadata/{folder}/x?external_only=false")).EnsureSuccessStatusCode();

        var ofX = new List<JsonObject>();
        var ofFolder = new List<string>();
        while (ofX.Count == 0 || ofX[^1]["type"]!.GetValue<string>() != "complete" || !ofFolder.Contains("container-child-deleted"))
        {
            var message = await socket.ReceiveAsync();
            if (message["id"]?.GetValue<string>() == "x")
            {
                ofX.Add(message["type"]!.GetValue<string>() == "next" ? message["metadata"]!.AsObject() : message);
            }
            else if (message["type"]!.GetValue<string>() == "next")
            {
                ofFolder.Add(message["metadata"]!["type"]!.GetValue<string>());
            }
        }

        ofX.Select(m => m["type"]!.GetValue<string>()).Should().Equal(
            ["array-data", "array-data", "array-data", "array-data", "array-data", "metadata-updated", "complete"]);
        ofX.Take(5).Select(m => m["payload"]![0]!.GetValue<long>()).Should().Equal(1, 2, 3, 4, 5);
        ofX[^1]["reason"]!.GetValue<string>().Should().Be("node-deleted");
        ofFolder.Should().Equal("container-child-metadata-updated", "container-child-deleted");
    }
}
