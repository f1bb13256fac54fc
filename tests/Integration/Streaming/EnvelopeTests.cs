using System.Net.WebSockets;
using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.Client;
using Tiled.Formats.DataTypes;
using Tiled.IntegrationTests.Infrastructure;
using Tiled.IntegrationTests.Streaming.Support;
using Xunit;

namespace Tiled.IntegrationTests.Streaming;

/// <summary>
/// The two envelopes of protocol §9.5 and §9.8 carry the same content: msgpack as binary frames
/// with the raw payload, json as text frames with the payload as nested lists and
/// <c>"content-type": "application/json"</c> added.
/// </summary>
public abstract class EnvelopeTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : TiledServerFixture
{
    [Fact]
    public async Task Json_and_msgpack_subscribers_see_the_same_array_updates()
    {
        if (server.UnavailableReason is not null) { return; }
        var client = await server.ConnectAsync();
        var key = Wire.NewKey();
        var x = await client.CreateArrayAsync(key, DataType.Int64, [2, 3], [[2], [3]]);
        var (json, msgpack) = await OpenBothAsync(key);
        using var _ = json;
        using var __ = msgpack;

        await x.WriteAsync(NdArray.Create([1L, 2, 3, 4, 5, 6], 2, 3));
        await x.WriteBlockAsync(NdArray.Create([-1L, long.MaxValue, long.MinValue, 0, 7, 8], 2, 3), [0, 0], persist: false);
        await x.PatchAsync(NdArray.Create([40L, 50], 1, 2), offset: [1, 1]);

        for (var n = 1; n <= 3; n++)
        {
            var (text, binary) = await NextPairAsync(json, msgpack);
            var header = EnvelopeDecoding.HeaderOf(binary);
            header["type"]?.GetValue<string>().Should().Be("array-data");
            header["sequence"]?.GetValue<long>().Should().Be(n);
            header["mimetype"]?.GetValue<string>().Should().Be("application/octet-stream");
            header.ContainsKey("content-type").Should().BeFalse("msgpack carries the payload as it was sent");
            text["content-type"]?.GetValue<string>().Should().Be("application/json");
            JsonNode.DeepEquals(EnvelopeDecoding.Without(text, "payload", "content-type"), header)
                .Should().BeTrue($"every other key is the same: {text.ToJsonString()[..Math.Min(300, text.ToJsonString().Length)]} vs {header.ToJsonString()}");
            var shape = header["shape"]?.AsArray().Select(d => d?.GetValue<long>() ?? -1).ToArray() ?? [];
            var (values, listShape) = EnvelopeDecoding.Flatten(text["payload"]);
            listShape.Should().Equal(shape);
            values.Select(v => v.GetValue<long>()).Should().Equal(EnvelopeDecoding.Int64s(binary["payload"] as byte[]));
        }
    }

    [Fact]
    public async Task The_envelopes_agree_on_offsets_blocks_and_shapes()
    {
        if (server.UnavailableReason is not null) { return; }
        var client = await server.ConnectAsync();
        var key = Wire.NewKey();
        var x = await client.CreateArrayAsync(key, DataType.Int64, [2, 3], [[2], [3]]);
        var (json, msgpack) = await OpenBothAsync(key);
        using var _ = json;
        using var __ = msgpack;

        await x.WriteBlockAsync(NdArray.Create([1L, 2, 3, 4, 5, 6], 2, 3), [0, 0]);
        await x.PatchAsync(NdArray.Create([9L, 9], 1, 2), offset: [1, 1], persist: false);

        var (blockText, blockBinary) = await NextPairAsync(json, msgpack);
        blockText["block"]?.ToJsonString().Should().Be("[0,0]");
        blockText["offset"].Should().BeNull();
        EnvelopeDecoding.HeaderOf(blockBinary)["block"]?.ToJsonString().Should().Be("[0,0]");
        var (patchText, patchBinary) = await NextPairAsync(json, msgpack);
        patchText["offset"]?.ToJsonString().Should().Be("[1,1]");
        patchText["shape"]?.ToJsonString().Should().Be("[1,2]");
        patchText["payload"]?.ToJsonString().Should().Be("[[9,9]]");
        EnvelopeDecoding.HeaderOf(patchBinary)["offset"]?.ToJsonString().Should().Be("[1,1]");
        (patchBinary["payload"] as byte[]).Should().Equal(Wire.Int64s(9, 9));
    }

    [Fact]
    public async Task Float_payloads_survive_the_json_envelope_exactly()
    {
        if (server.UnavailableReason is not null) { return; }
        var client = await server.ConnectAsync();
        var key = Wire.NewKey();
        double[] sent = [0.1, -2.5, 1e-300, 1.7976931348623157e308, 3.0, -0.0];
        var x = await client.CreateArrayAsync(key, DataType.Float64, [6], [[6]]);
        var (json, msgpack) = await OpenBothAsync(key);
        using var _ = json;
        using var __ = msgpack;

        await x.WriteAsync(NdArray.From(sent), persist: false);

        var (text, binary) = await NextPairAsync(json, msgpack);
        EnvelopeDecoding.Float64s(binary["payload"] as byte[]).Should().Equal(sent);
        var (values, shape) = EnvelopeDecoding.Flatten(text["payload"]);
        shape.Should().Equal(6);
        values.Select(v => v.GetValue<double>()).Should().Equal(sent);
    }

    [Fact]
    public async Task Schema_messages_are_the_same_in_both_envelopes()
    {
        if (server.UnavailableReason is not null) { return; }
        var client = await server.ConnectAsync();
        var key = Wire.NewKey();
        await client.CreateArrayAsync(key, DataType.Float32, [4], [[4]]);

        foreach (var path in new[] { key, "" })
        {
            using var json = await RawStream.ConnectAsync(RawStream.UriFor(server.BaseUrl, path, "json"), TiledServerFixture.ApiKey);
            using var msgpack = await RawStream.ConnectAsync(RawStream.UriFor(server.BaseUrl, path, "msgpack"), TiledServerFixture.ApiKey);
            var text = await json.ReceiveMessageAsync();
            var binary = await msgpack.ReceiveMessageAsync();

            text.Type.Should().Be(WebSocketMessageType.Text);
            binary.Type.Should().Be(WebSocketMessageType.Binary);
            JsonNode.DeepEquals(EnvelopeDecoding.Without(text.Json()), EnvelopeDecoding.HeaderOf(binary.Msgpack()))
                .Should().BeTrue($"{text.Text} must match the msgpack schema");
        }
    }

    [Fact]
    public async Task Container_updates_carry_the_same_content_in_both_envelopes_and_no_content_type()
    {
        if (server.UnavailableReason is not null) { return; }
        var client = await server.ConnectAsync();
        var folder = await client.CreateContainerAsync(Wire.NewKey("c"));
        using var json = await RawStream.ConnectAsync(RawStream.UriFor(server.BaseUrl, folder.Key, "json"), TiledServerFixture.ApiKey);
        using var msgpack = await RawStream.ConnectAsync(RawStream.UriFor(server.BaseUrl, folder.Key, "msgpack"), TiledServerFixture.ApiKey);
        await json.ReceiveMessageAsync();
        await msgpack.ReceiveMessageAsync();

        var child = await folder.WriteArrayAsync(NdArray.From(1L, 2L, 3L), "x", new JsonObject { ["color"] = "red", ["n"] = 3 });
        await child.UpdateMetadataAsync(new JsonObject { ["color"] = "blue" });

        foreach (var type in new[] { "container-child-created", "container-child-metadata-updated" })
        {
            var (text, binary) = await NextPairAsync(json, msgpack);
            text["type"]?.GetValue<string>().Should().Be(type);
            text.ContainsKey("content-type").Should().BeFalse("only messages with a payload get one");
            JsonNode.DeepEquals(EnvelopeDecoding.Without(text), EnvelopeDecoding.HeaderOf(binary))
                .Should().BeTrue($"{text.ToJsonString()} must match the msgpack message");
        }
    }

    private async Task<(RawStream Json, RawStream Msgpack)> OpenBothAsync(string key)
    {
        var json = await RawStream.ConnectAsync(RawStream.UriFor(server.BaseUrl, key, "json"), TiledServerFixture.ApiKey);
        var msgpack = await RawStream.ConnectAsync(RawStream.UriFor(server.BaseUrl, key, "msgpack"), TiledServerFixture.ApiKey);
        (await json.ReceiveMessageAsync()).Type.Should().Be(WebSocketMessageType.Text);
        (await msgpack.ReceiveMessageAsync()).Type.Should().Be(WebSocketMessageType.Binary);
        return (json, msgpack);
    }

    private static async Task<(JsonObject Json, Dictionary<string, object?> Msgpack)> NextPairAsync(RawStream json, RawStream msgpack)
    {
        var text = await json.ReceiveMessageAsync();
        var binary = await msgpack.ReceiveMessageAsync();
        text.Type.Should().Be(WebSocketMessageType.Text);
        binary.Type.Should().Be(WebSocketMessageType.Binary);
        return (text.Json(), binary.Msgpack());
    }
}

public sealed class MemoryEnvelopeTests(SqliteServer server) : EnvelopeTests<SqliteServer>(server);

public sealed class RedisEnvelopeTests(SqliteRedisServer server) : EnvelopeTests<SqliteRedisServer>(server);
