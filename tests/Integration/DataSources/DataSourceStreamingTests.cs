using System.Text.Json.Nodes;
using System.Threading.Channels;
using FluentAssertions;
using Tiled.Client;
using Tiled.Client.Streaming;
using Tiled.Formats.DataTypes;
using Tiled.IntegrationTests.Infrastructure;
using Tiled.IntegrationTests.Interop;
using Xunit;
using Xunit.Abstractions;

namespace Tiled.IntegrationTests.DataSources;

/// <summary>The seed's data-source examples with a live subscriber: empty arrays and a growing TIFF sequence.</summary>
public abstract class DataSourceStreamingTests<TServer>(TServer server, ITestOutputHelper output) : IClassFixture<TServer>
    where TServer : TiledServerFixture
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Empty_array_reads_zeros_streams_transient_writes_and_stores_the_final_one()
    {
        if (server.UnavailableReason is not null) { return; }
        var client = await server.ConnectAsync();
        var x = (ArrayClient)await client.NewAsync("array", [DataSourceSpec.WritableArray(DataType.Int64, 3)], Wire.NewKey());
        var received = Channel.CreateUnbounded<ArrayDataReceived>();
        await using var sub = x.Subscribe();
        sub.NewData += u => received.Writer.WriteAsync(u).AsTask();
        await sub.StartAsync(start: 0);

        (await x.ReadAsync<long>()).Values.Should().Equal(0, 0, 0);
        await x.WriteAsync(NdArray.From(4L, 5L, 6L), persist: false);
        await x.WriteAsync(NdArray.From(7L, 8L, 9L), persist: false);
        (await x.ReadAsync<long>()).Values.Should().Equal(0, 0, 0);
        await x.WriteAsync(NdArray.From(11L, 12L, 13L));

        (await x.ReadAsync<long>()).Values.Should().Equal(11, 12, 13);
        var updates = new List<long[]>();
        for (var i = 0; i < 3; i++)
        {
            updates.Add((await received.Reader.ReadAsync().AsTask().WaitAsync(Deadline)).Data<long>().Values);
        }

        updates.Should().BeEquivalentTo(new[] { new long[] { 4, 5, 6 }, [7, 8, 9], [11, 12, 13] }, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task Growing_tiff_sequence_announces_each_new_frame_and_subscribers_read_it()
    {
        if (server.UnavailableReason is not null || !await ZarrPython.IsAvailableAsync(output)) { return; }
        var directory = Directory.CreateDirectory(Path.Combine(server.ExternalDirectory, Wire.NewKey("seq"))).FullName;
        const int Frames = 6;
        await ZarrPython.RunAsync("""
            import sys, numpy, tifffile
            for k in range(int(sys.argv[2])):
                tifffile.imwrite(f"{sys.argv[1]}/frame{k:03d}.tif", numpy.full((7, 13), 100 * k, dtype='<u2') + numpy.arange(13, dtype='<u2'))
            """, directory, Frames.ToString(System.Globalization.CultureInfo.InvariantCulture));
        AssetSpec Frame(int k) => new(External.FileUri(Path.Combine(directory, $"frame{k:000}.tif")), false, "data_uris", k);
        DataSourceSpec Sequence(int count, long? id = null) => new("array", null, "multipart/related;type=image/tiff",
            Assets: Enumerable.Range(0, count).Select(Frame).ToList(), Management: "external", Id: id);

        var client = await server.ConnectAsync();
        var x = (ArrayClient)await client.NewAsync("array", [Sequence(1)], Wire.NewKey());
        x.Shape.Should().Equal(1, 7, 13);
        var id = (await x.DataSourcesAsync())[0]["id"]!.GetValue<long>();
        var refs = Channel.CreateUnbounded<ArrayRefReceived>();
        await using var sub = x.Subscribe();
        sub.NewReference += r => refs.Writer.WriteAsync(r).AsTask();
        await sub.StartAsync();

        for (var k = 1; k < Frames; k++)
        {
            await x.PutDataSourceAsync(Sequence(k + 1, id), patchOffset: [k, 0, 0], patchShape: [1, 7, 13]);
            var announced = await refs.Reader.ReadAsync().AsTask().WaitAsync(Deadline);

            announced.Shape.Should().Equal(k + 1, 7, 13);
            announced.PatchOffset.Should().Equal(k, 0, 0);
            announced.Uri.Should().EndWith($"?slice={k}:{k + 1},0:7,0:13");
            var frame = await announced.DataAsync<ushort>();
            frame.Shape.Should().Equal(1, 7, 13);
            frame[0, 6, 12].Should().Be((ushort)((100 * k) + 12));
        }

        var whole = await ((ArrayClient)await client.GetAsync(x.Key)).ReadAsync<ushort>();
        whole.Shape.Should().Equal(Frames, 7, 13);
        whole[Frames - 1, 0, 0].Should().Be((ushort)(100 * (Frames - 1)));
    }

    [Fact]
    public async Task Array_ref_message_carries_the_fields_the_python_client_requires()
    {
        if (server.UnavailableReason is not null) { return; }
        var raw = Path.Combine(server.ExternalDirectory, Wire.NewKey() + ".bin");
        await File.WriteAllBytesAsync(raw, Wire.Int64s(1, 2, 3, 4));
        var key = Wire.NewKey();
        var parameters = new JsonObject { ["dtype"] = "<i8", ["shape"] = new JsonArray(4) };
        var created = await Wire.ReadJsonAsync(await server.Http.PostAsync("/api/v1/register/", Wire.Json(External.Register(key,
            External.DataSource("application/octet-stream", null, [External.Asset(raw, num: 0)], (JsonObject)parameters.DeepClone())))));
        var id = created["data_sources"]![0]!["id"]!.GetValue<long>();
        using var socket = new System.Net.WebSockets.ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", $"Apikey {TiledServerFixture.ApiKey}");
        await socket.ConnectAsync(new Uri($"{server.BaseUrl.Replace("http", "ws", StringComparison.Ordinal)}/api/v1/stream/single/{key}?envelope_format=json"), default);
        var buffer = new byte[1 << 16];
        await socket.ReceiveAsync(buffer, default).WaitAsync(Deadline);

        var put = await server.Http.PutAsync($"/api/v1/data_source/{key}?patch_offset=2&patch_shape=2", Wire.Json(new JsonObject
        {
            ["data_source"] = External.DataSource("application/octet-stream", null, [External.Asset(raw, num: 0)], (JsonObject)parameters.DeepClone(), id),
        }));
        put.EnsureSuccessStatusCode();
        var frame = await socket.ReceiveAsync(buffer, default).WaitAsync(Deadline);
        var message = JsonNode.Parse(buffer.AsSpan(0, frame.Count))!.AsObject();

        message["type"]!.GetValue<string>().Should().Be("array-ref");
        message["sequence"]!.GetValue<long>().Should().Be(1);
        message.Select(p => p.Key).Should().Contain(["timestamp", "data_source", "patch", "shape", "uri"]).And.NotContain("data_type");
        message["data_source"]!["id"]!.GetValue<long>().Should().Be(id);
        message["data_source"]!["mimetype"]!.GetValue<string>().Should().Be("application/octet-stream");
        message["patch"]!.ToJsonString().Should().Be("{\"offset\":[2],\"shape\":[2]}");
        var region = await server.Http.GetByteArrayAsync(message["uri"]!.GetValue<string>());
        Wire.ToInt64s(region).Should().Equal(3, 4);
    }

    [Fact]
    public async Task Replacing_an_unknown_data_source_or_with_half_a_patch_is_refused()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey();
        await Wire.CreateInt64ArrayAsync(server.Http, key, 1, 2);
        var body = Wire.Json(new JsonObject { ["data_source"] = External.DataSource("application/octet-stream", null, [], null, 999_999) });

        await (await server.Http.PutAsync($"/api/v1/data_source/{key}", body)).ShouldBeProblemAsync(System.Net.HttpStatusCode.NotFound);
        await (await server.Http.PutAsync($"/api/v1/data_source/{key}?patch_offset=0", body)).ShouldBeProblemAsync(System.Net.HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("9223372036854775807", "9223372036854775807")]
    [InlineData("2", "9223372036854775807")]
    [InlineData("2", "2")]
    public async Task A_patch_region_outside_the_new_shape_is_refused_even_when_its_end_overflows(string offset, string shape)
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey();
        var source = await External.RegisterRawInt64Async(server.Http, server.ExternalDirectory, key);
        var before = await server.Http.GetStringAsync($"/api/v1/metadata/{key}");

        var response = await server.Http.PutAsync($"/api/v1/data_source/{key}?patch_offset={offset}&patch_shape={shape}",
            Wire.Json(new JsonObject { ["data_source"] = source }));

        (await response.ShouldBeProblemAsync(System.Net.HttpStatusCode.BadRequest)).Should().Contain("is not inside the new shape (3)");
        (await server.Http.GetStringAsync($"/api/v1/metadata/{key}")).Should().Be(before);
    }
}

public sealed class MemoryDataSourceStreamingTests(SqliteServer server, ITestOutputHelper output)
    : DataSourceStreamingTests<SqliteServer>(server, output);

public sealed class RedisDataSourceStreamingTests(PostgresRedisServer server, ITestOutputHelper output)
    : DataSourceStreamingTests<PostgresRedisServer>(server, output);
