using System.Net.WebSockets;
using FluentAssertions;
using Tiled.Formats.MessagePack;
using Tiled.IntegrationTests.Infrastructure;
using Xunit;
using static Tiled.IntegrationTests.Streaming.WebSocketClient;

namespace Tiled.IntegrationTests.Streaming;

/// <summary>
/// permessage-deflate on the subscription sockets: negotiated when the client offers it, and
/// every message still arrives whole: small ones compressed, large binary ones sent as they are.
/// </summary>
public sealed class CompressionTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    private static readonly long[] Large = Enumerable.Range(0, 64 * 1024).Select(i => (long)i).ToArray();

    [Fact]
    public async Task A_single_stream_client_that_offers_deflate_gets_it_and_the_schema_and_a_large_update_arrive_whole()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey();
        await Wire.CreateInt64ArrayAsync(server.Http, key, Large);

        using var socket = await ConnectAsync($"/api/v1/stream/single/{key}?envelope_format=msgpack&start=0", offerDeflate: true);

        socket.HttpResponseHeaders!["Sec-WebSocket-Extensions"].Should().ContainSingle().Which.Should().StartWith("permessage-deflate");
        (await ReceiveMapAsync(socket))["type"].Should().Be("array-schema");
        Wire.ToInt64s((byte[])(await ReceiveMapAsync(socket))["payload"]!).Should().Equal(Large);
    }

    [Fact]
    public async Task A_multiplexed_client_that_offers_deflate_gets_small_and_large_updates_whole()
    {
        if (server.UnavailableReason is not null) { return; }
        var (small, large) = (Wire.NewKey(), Wire.NewKey());
        await Wire.CreateInt64ArrayAsync(server.Http, small, 1, 2, 3);
        await Wire.CreateInt64ArrayAsync(server.Http, large, Large);
        using var socket = await ConnectAsync("/api/v1/stream/multi?envelope_format=msgpack", offerDeflate: true);
        (await ReceiveMapAsync(socket))["type"].Should().Be("connection_ack");

        foreach (var key in new[] { small, large })
        {
            await socket.SendAsync(MessagePackValue.Encode(new Dictionary<string, object?> { ["type"] = "subscribe", ["id"] = key, ["path"] = key, ["start"] = 0L }),
                WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None);
        }

        var payloads = new Dictionary<string, byte[]>();
        while (payloads.Count < 2)
        {
            var message = await ReceiveMapAsync(socket);
            if (message.GetValueOrDefault("metadata") is Dictionary<string, object?> update && update["type"] as string == "array-data")
            {
                payloads[(string)message["id"]!] = (byte[])update["payload"]!;
            }
        }

        socket.HttpResponseHeaders!["Sec-WebSocket-Extensions"].Should().ContainSingle().Which.Should().StartWith("permessage-deflate");
        Wire.ToInt64s(payloads[small]).Should().Equal(1, 2, 3);
        Wire.ToInt64s(payloads[large]).Should().Equal(Large);
    }

    [Fact]
    public async Task A_client_that_does_not_offer_deflate_gets_plain_frames()
    {
        if (server.UnavailableReason is not null) { return; }

        using var socket = await ConnectAsync("/api/v1/stream/multi", offerDeflate: false);

        socket.HttpResponseHeaders!.ContainsKey("Sec-WebSocket-Extensions").Should().BeFalse();
        (await ReceiveJsonAsync(socket))["type"]!.GetValue<string>().Should().Be("connection_ack");
    }

    private async Task<ClientWebSocket> ConnectAsync(string pathAndQuery, bool offerDeflate)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", $"Apikey {TiledServerFixture.ApiKey}");
        socket.Options.CollectHttpResponseDetails = true;
        if (offerDeflate)
        {
            socket.Options.DangerousDeflateOptions = new WebSocketDeflateOptions();
        }

        await socket.ConnectAsync(new Uri(string.Concat("ws", server.BaseUrl.AsSpan(4), pathAndQuery)), CancellationToken.None).WaitAsync(Deadline);
        return socket;
    }
}
