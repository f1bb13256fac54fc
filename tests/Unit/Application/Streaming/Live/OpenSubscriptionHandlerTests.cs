using FluentAssertions;
using Tiled.Application.Abstractions;
using Tiled.Application.Streaming.Live;
using Tiled.Infrastructure.Streaming;
using Tiled.UnitTests.Api.Streaming;
using Tiled.UnitTests.TestKit;
using Xunit;

namespace Tiled.UnitTests.Application.Streaming.Live;

/// <summary>The subscribing use case with a fake send budget (the port a transport implements) and the in-process cache.</summary>
public sealed class OpenSubscriptionHandlerTests : IDisposable
{
    private const long NodeId = 9;
    private static readonly byte[] Update =
        """{"type":"array-data","timestamp":"t","mimetype":"application/octet-stream","shape":[1],"offset":null,"block":null}"""u8.ToArray();

    private readonly InMemoryStreamCache _cache = new(new StreamCacheOptions(), new ManualTimeProvider());

    public void Dispose() => _cache.Dispose();

    [Fact]
    public async Task The_schema_is_ready_first_then_the_replay_from_start_then_live_updates_each_once_in_order()
    {
        await AppendAsync(2);
        var hubs = Subscriptions.Hubs(_cache);
        var sink = new FakeSink();
        await using var subscription = await Subscriptions.OpenAsync(Subscriptions.Handler(hubs, _cache), Subscriptions.Int64Array(NodeId), 1,
            sink, new ResumePoint());
        // Written after joining and before the run: the relay holds it until the replay is done.
        await AppendAsync(1);

        Frames.Map(subscription.Schema)["type"].Should().Be("array-schema");
        using var stop = new CancellationTokenSource();
        var run = subscription.RunAsync(stop.Token);
        await AppendAsync(1);
        await sink.WaitForAsync(4);
        await stop.CancelAsync();

        (await run).Should().Be(CloseDecision.Cancelled);
        sink.Frames.Select(f => Frames.Map(f)["sequence"]).Should().Equal(1L, 2L, 3L, 4L);
    }

    [Fact]
    public async Task A_live_only_subscription_gets_nothing_written_before_it_opened()
    {
        await AppendAsync(3);
        var sink = new FakeSink();
        await using var subscription = await Subscriptions.OpenAsync(Subscriptions.Handler(Subscriptions.Hubs(_cache), _cache),
            Subscriptions.Int64Array(NodeId), null, sink, new ResumePoint());

        using var stop = new CancellationTokenSource();
        var run = subscription.RunAsync(stop.Token);
        await AppendAsync(1);
        await sink.WaitForAsync(1);
        await stop.CancelAsync();
        await run;

        sink.Frames.Select(f => Frames.Map(f)["sequence"]).Should().Equal(4L);
    }

    [Fact]
    public async Task Disposing_the_subscription_leaves_the_node_s_hub()
    {
        var hubs = Subscriptions.Hubs(_cache);
        var subscription = await Subscriptions.OpenAsync(Subscriptions.Handler(hubs, _cache), Subscriptions.Int64Array(NodeId), 0, new FakeSink(),
            new ResumePoint());
        hubs.Count.Should().Be(1);

        await subscription.DisposeAsync();

        hubs.Count.Should().Be(0);
    }

    [Fact]
    public async Task When_the_session_cannot_open_the_error_is_thrown_and_the_hub_is_left()
    {
        var failing = new FailingCounterCache(_cache);
        var hubs = Subscriptions.Hubs(failing);

        var open = () => Subscriptions.OpenAsync(Subscriptions.Handler(hubs, failing), Subscriptions.Int64Array(NodeId), 0, new FakeSink(),
            new ResumePoint());

        await open.Should().ThrowAsync<IOException>();
        hubs.Count.Should().Be(0);
    }

    [Fact]
    public async Task A_live_message_beyond_the_send_budget_ends_the_subscription_as_too_slow()
    {
        var sink = new FakeSink(capacityBytes: 64);
        await using var subscription = await Subscriptions.OpenAsync(Subscriptions.Handler(Subscriptions.Hubs(_cache), _cache),
            Subscriptions.Int64Array(NodeId), null, sink, new ResumePoint());
        var run = subscription.RunAsync(CancellationToken.None);

        await AppendAsync(1, payloadBytes: 1024);

        (await run.WaitAsync(TimeSpan.FromSeconds(10))).Should().Be(CloseDecision.TooSlow);
        sink.Frames.Should().BeEmpty();
    }

    private async Task AppendAsync(int count, int payloadBytes = 8)
    {
        for (var i = 0; i < count; i++)
        {
            await _cache.AppendAsync(NodeId, Update, StreamPayload.Own(new byte[payloadBytes]), CancellationToken.None);
        }
    }

    /// <summary>The transport's send budget as a list: frames are "sent" as soon as they are queued.</summary>
    private sealed class FakeSink(long capacityBytes = 1 << 20) : IFrameSink
    {
        private readonly Lock _gate = new();
        private readonly List<OutgoingFrame> _frames = [];
        private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public long CapacityBytes => capacityBytes;

        public long QueuedBytes => 0;

        public IReadOnlyList<OutgoingFrame> Frames
        {
            get
            {
                lock (_gate)
                {
                    return [.. _frames];
                }
            }
        }

        public bool TryEnqueue(OutgoingFrame frame)
        {
            if (frame.Data.Length > capacityBytes)
            {
                return false;
            }

            TaskCompletionSource changed;
            lock (_gate)
            {
                _frames.Add(frame);
                changed = _changed;
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            changed.TrySetResult();
            return true;
        }

        public ValueTask EnqueueWhenAtMostAsync(OutgoingFrame frame, long thresholdBytes, CancellationToken ct)
        {
            TryEnqueue(frame);
            return ValueTask.CompletedTask;
        }

        public async Task WaitForAsync(int count)
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (true)
            {
                Task changed;
                lock (_gate)
                {
                    if (_frames.Count >= count)
                    {
                        return;
                    }

                    changed = _changed.Task;
                }

                await changed.WaitAsync(deadline - DateTime.UtcNow);
            }
        }
    }

    /// <summary>A cache whose counter cannot be read, as when Redis fails between subscribing and replaying.</summary>
    private sealed class FailingCounterCache(IStreamCache inner) : IStreamCache
    {
        public Task<long> AppendAsync(long nodeId, ReadOnlyMemory<byte> metadataJson, StreamPayload payload, CancellationToken ct) =>
            inner.AppendAsync(nodeId, metadataJson, payload, ct);

        public Task<long> CloseAsync(long nodeId, ReadOnlyMemory<byte> markerJson, CancellationToken ct) => inner.CloseAsync(nodeId, markerJson, ct);

        public Task<long> CurrentSequenceAsync(long nodeId, CancellationToken ct) => throw new IOException("counter unreadable");

        public Task<IReadOnlyList<StreamEntry>> GetRangeAsync(long nodeId, long from, long to, CancellationToken ct) =>
            inner.GetRangeAsync(nodeId, from, to, ct);

        public Task<ILiveFeed> SubscribeAsync(long nodeId, CancellationToken ct) => inner.SubscribeAsync(nodeId, ct);

        public Task RemoveAsync(long nodeId, CancellationToken ct) => inner.RemoveAsync(nodeId, ct);
    }
}
