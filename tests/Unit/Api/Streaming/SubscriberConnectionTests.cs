using System.Net.WebSockets;
using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using Tiled.Api.Operations;
using Tiled.Api.Streaming;
using Tiled.Application.Abstractions;
using Tiled.Application.Streaming.Live;
using Tiled.Application.Streaming.Subscriptions;
using Tiled.Formats.DataTypes;
using Tiled.Infrastructure.Streaming;
using Tiled.UnitTests.Application.Streaming;
using Tiled.UnitTests.Application.Streaming.Live;
using Tiled.UnitTests.TestKit;
using Xunit;

namespace Tiled.UnitTests.Api.Streaming;

public sealed class SubscriberConnectionTests : IAsyncDisposable
{
    private const long Node = 5;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private static readonly byte[] Marker = """{"timestamp":"2025-01-01T00:00:00.000000+00:00","end_of_stream":true}"""u8.ToArray();

    private readonly InMemoryStreamCache _cache = new(new StreamCacheOptions(), new ManualTimeProvider());
    private readonly RecordingLogger<OpenSubscriptionHandler> _logger = new();
    private readonly List<IAsyncDisposable> _memberships = [];
    private WebSocketPair _pair = new();
    private SubscriberConnection? _connection;

    public async ValueTask DisposeAsync()
    {
        foreach (var membership in _memberships)
        {
            await membership.DisposeAsync();
        }

        _pair.Dispose();
        _cache.Dispose();
    }

    [Fact]
    public async Task The_schema_comes_first_then_the_updates_then_close_1000_once_the_producer_ends_the_stream()
    {
        var run = await RunAsync(_cache, start: null);
        await AppendAsync(_cache, 2);

        await _cache.CloseAsync(Node, Marker, CancellationToken.None);

        var messages = await TestClient.ReadMapsUntilCloseAsync(_pair.Client);
        messages.Select(m => m["type"]).Should().Equal("array-schema", "array-data", "array-data", "closing");
        messages.Skip(1).SkipLast(1).Select(m => m["sequence"]).Should().Equal(1L, 2L);
        messages[^1].Should().Contain("code", 1000L).And.Contain("reason", "end-of-stream").And.Contain("detail", "Producer ended stream")
            .And.NotContainKey("start");
        (_pair.Client.CloseStatus, _pair.Client.CloseStatusDescription).Should().Be(((WebSocketCloseStatus)1000, "Producer ended stream"));
        (await run.WaitAsync(Deadline)).Should().Be((1000, "server"));
    }

    [Fact]
    public async Task A_lost_live_feed_closes_with_1012_after_what_was_already_notified()
    {
        var cache = new ObservedStreamCache(_cache, scriptFeeds: true);
        var run = await RunAsync(cache, start: null);
        await AppendAsync(_cache, 1);

        cache.Feed.Notify(1);
        cache.Feed.Fail(new LiveFeedLostException("redis went away"));

        var messages = await TestClient.ReadMapsUntilCloseAsync(_pair.Client);
        messages.Select(m => m["type"]).Should().Equal("array-schema", "array-data", "closing");
        messages[^1].Should().Contain("code", 1012L).And.Contain("reason", "live-feed-lost").And.Contain("start", 2L);
        (_pair.Client.CloseStatus, _pair.Client.CloseStatusDescription).Should().Be(((WebSocketCloseStatus)1012, "Live subscription lost"));
        (await run.WaitAsync(Deadline)).Should().Be((1012, "server"));
    }

    [Fact]
    public async Task A_subscriber_that_stops_reading_is_closed_with_1013_and_told_where_to_resume()
    {
        _pair.Dispose();
        _pair = new WebSocketPair(clientWindowBytes: 4096);
        var run = await RunAsync(_cache, start: null, new StreamSocketOptions { MaxQueuedBytes = 16 * 1024 });

        await AppendAsync(_cache, 40, payloadBytes: 2048);
        await _logger.WaitForAsync(1104);

        var messages = await TestClient.ReadMapsUntilCloseAsync(_pair.Client);
        var last = messages.Count - 2;
        messages.Skip(1).SkipLast(1).Select(m => m["sequence"]).Should().Equal(Enumerable.Range(1, last).Select(n => (object)(long)n));
        last.Should().BeLessThan(40);
        messages[^1].Should().Contain("type", "closing").And.Contain("code", 1013L).And.Contain("reason", "too-slow").And.Contain("start", (long)last + 1);
        _pair.Client.CloseStatus.Should().Be((WebSocketCloseStatus)1013);
        _pair.Client.CloseStatusDescription.Should().Be($"Subscriber too slow; reconnect with start={last + 1}");
        (await run.WaitAsync(Deadline)).Should().Be((1013, "server"));
    }

    [Fact]
    public async Task A_replay_larger_than_the_send_budget_is_paced_instead_of_closed()
    {
        _pair.Dispose();
        _pair = new WebSocketPair(clientWindowBytes: 4096);
        await AppendAsync(_cache, 30, payloadBytes: 1024);
        await _cache.CloseAsync(Node, Marker, CancellationToken.None);

        var run = await RunAsync(_cache, start: 1, new StreamSocketOptions { MaxQueuedBytes = 2048 });

        var messages = await TestClient.ReadMapsUntilCloseAsync(_pair.Client);
        messages.Skip(1).SkipLast(1).Select(m => m["sequence"]).Should().Equal(Enumerable.Range(1, 30).Select(n => (object)(long)n));
        messages[^1]["type"].Should().Be("closing");
        (await run.WaitAsync(Deadline)).Should().Be((1000, "server"));
    }

    [Fact]
    public async Task A_client_close_is_noticed_without_waiting_for_an_update_and_answered()
    {
        var run = await RunAsync(_cache, start: null);
        (await TestClient.ReceiveAsync(_pair.Client)).Type.Should().Be(WebSocketMessageType.Binary);

        await _pair.Client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);

        (await run.WaitAsync(Deadline)).Should().Be((1000, "client"));
        (await TestClient.ReceiveAsync(_pair.Client)).Type.Should().Be(WebSocketMessageType.Close);
        _pair.Client.State.Should().Be(WebSocketState.Closed);
    }

    [Fact]
    public async Task A_dropped_connection_ends_the_run_without_a_close_code()
    {
        var run = await RunAsync(_cache, start: null);

        _pair.Client.Abort();

        (await run.WaitAsync(Deadline)).Should().Be(((int?)null, "client"));
    }

    [Fact]
    public async Task Missing_history_reaches_the_client_as_a_gap_message_without_a_sequence()
    {
        using var small = new InMemoryStreamCache(new StreamCacheOptions { MaxEntriesPerNode = 2 }, new ManualTimeProvider());
        await AppendAsync(small, 3);
        await small.CloseAsync(Node, Marker, CancellationToken.None);

        await RunAsync(small, start: 1);

        var messages = await TestClient.ReadMapsUntilCloseAsync(_pair.Client);
        messages.Select(m => m["type"]).Should().Equal("array-schema", "gap", "array-data", "closing");
        messages[1].Should().Contain("sequence_from", 1L).And.Contain("sequence_to", 2L).And.NotContainKey("sequence");
        messages[2]["sequence"].Should().Be(3L);
    }

    [Fact]
    public async Task The_json_envelope_sends_text_frames_with_transcoded_payloads()
    {
        var run = await RunAsync(_cache, start: null, envelope: EnvelopeFormat.Json);
        await _cache.AppendAsync(Node, """{"type":"array-data","timestamp":"t","mimetype":"application/octet-stream","shape":[2],"offset":null,"block":null}"""u8.ToArray(),
            StreamEntries.Int64s(7, 8), CancellationToken.None);

        await _cache.CloseAsync(Node, Marker, CancellationToken.None);

        var messages = await TestClient.ReadJsonUntilCloseAsync(_pair.Client);
        messages.Select(m => m["type"]!.GetValue<string>()).Should().Equal("array-schema", "array-data", "closing");
        messages[1]["payload"]!.ToJsonString().Should().Be("[7,8]");
        (await run.WaitAsync(Deadline)).Code.Should().Be(1000);
    }

    [Fact]
    public async Task Without_extensions_a_subscriber_gets_exactly_Tiled_s_messages_and_no_closing_message()
    {
        var run = await RunAsync(_cache, start: 0, extensions: false);
        await AppendAsync(_cache, 1);
        await _cache.AppendAsync(Node, """{"type":"metadata-updated","timestamp":"t","key":"x","specs":[],"metadata":{"a":1}}"""u8.ToArray(),
            ReadOnlyMemory<byte>.Empty, CancellationToken.None);
        await AppendAsync(_cache, 1);

        await _cache.CloseAsync(Node, Marker, CancellationToken.None);

        var messages = await TestClient.ReadMapsUntilCloseAsync(_pair.Client);
        messages.Select(m => m["type"]).Should().Equal("array-schema", "array-data", "array-data");
        messages.Skip(1).Select(m => m["sequence"]).Should().Equal(1L, 3L);
        (await run.WaitAsync(Deadline)).Should().Be((1000, "server"));
    }

    [Fact]
    public async Task With_extensions_own_metadata_updates_arrive_in_order_and_a_deletion_closes_with_node_deleted()
    {
        var run = await RunAsync(_cache, start: null);
        await AppendAsync(_cache, 1);
        await _cache.AppendAsync(Node, """{"type":"metadata-updated","timestamp":"t","key":"x","specs":[],"metadata":{"a":1}}"""u8.ToArray(),
            ReadOnlyMemory<byte>.Empty, CancellationToken.None);

        await _cache.CloseAsync(Node, """{"timestamp":"t","end_of_stream":true,"reason":"node-deleted"}"""u8.ToArray(), CancellationToken.None);

        var messages = await TestClient.ReadMapsUntilCloseAsync(_pair.Client);
        messages.Select(m => m["type"]).Should().Equal("array-schema", "array-data", "metadata-updated", "closing");
        messages[2]["sequence"].Should().Be(2L);
        messages[^1].Should().Contain("code", 1000L).And.Contain("reason", "node-deleted").And.Contain("detail", "Node deleted");
        (_pair.Client.CloseStatus, _pair.Client.CloseStatusDescription).Should().Be(((WebSocketCloseStatus)1000, "Node deleted"));
        (await run.WaitAsync(Deadline)).Should().Be((1000, "server"));
    }

    [Fact]
    public async Task Every_frame_written_is_counted()
    {
        var run = await RunAsync(_cache, start: null);
        await AppendAsync(_cache, 2);

        await _cache.CloseAsync(Node, Marker, CancellationToken.None);

        await TestClient.ReadMapsUntilCloseAsync(_pair.Client);
        await run.WaitAsync(Deadline);
        _connection!.MessagesSent.Should().Be(3);
    }

    /// <summary>As the endpoint does: open the subscription into the connection's sink, then run it.</summary>
    private async Task<Task<(int? Code, string ClosedBy)>> RunAsync(IStreamCache cache, long? start, StreamSocketOptions? options = null,
        EnvelopeFormat envelope = EnvelopeFormat.Msgpack, bool extensions = true)
    {
        _connection = new SubscriberConnection(_pair.Server, options ?? StreamSocketOptions.Default, TimeProvider.System, new TiledMetrics(), extensions);
        var handler = Subscriptions.Handler(Subscriptions.Hubs(cache), cache, _logger);
        var subscription = await Subscriptions.OpenAsync(handler, Subscriptions.Int64Array(Node), start, _connection.Sink, _connection.Resume, envelope,
            extensions);
        _memberships.Add(subscription);
        return DisposeAfterAsync(_connection.RunAsync(subscription, CancellationToken.None, CancellationToken.None), _pair.Server);
    }

    /// <summary>As the endpoint does: the socket is disposed when the run ends, which lets the client finish its close at once.</summary>
    private static async Task<(int? Code, string ClosedBy)> DisposeAfterAsync(Task<(int? Code, string ClosedBy)> run, WebSocket server)
    {
        try
        {
            return await run;
        }
        finally
        {
            server.Dispose();
        }
    }

    private static async Task AppendAsync(IStreamCache cache, int count, int payloadBytes = 8)
    {
        for (var i = 0; i < count; i++)
        {
            await cache.AppendAsync(Node,
                """{"type":"array-data","timestamp":"t","mimetype":"application/octet-stream","shape":[1],"offset":null,"block":null}"""u8.ToArray(),
                new byte[payloadBytes], CancellationToken.None);
        }
    }
}
