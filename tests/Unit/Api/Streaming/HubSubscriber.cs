using Microsoft.Extensions.Logging;
using Tiled.Api.Streaming;
using Tiled.Application.Abstractions;
using Tiled.Application.Streaming.Live;
using Tiled.Application.Streaming.Subscriptions;

namespace Tiled.UnitTests.Api.Streaming;

/// <summary>
/// A subscriber on a <see cref="NodeStreamHubs"/> without a socket: joined as the endpoint joins,
/// replayed into its send queue, then live; the test reads the queue as the socket writer would.
/// </summary>
internal sealed class HubSubscriber : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    private readonly StreamEnvelopeEncoder _encoder;
    private readonly HubMembership _membership;

    private HubSubscriber(SendQueue queue, LiveRelay relay, StreamEnvelopeEncoder encoder, HubMembership membership, SubscriptionSession session)
    {
        Queue = queue;
        Relay = relay;
        _encoder = encoder;
        _membership = membership;
        Session = session;
    }

    public SendQueue Queue { get; }

    public LiveRelay Relay { get; }

    public SubscriptionSession Session { get; }

    public long LiveAfter => _membership.LiveAfter;

    public static async Task<HubSubscriber> JoinAsync(NodeStreamHubs hubs, IStreamCache cache, long nodeId, long? start,
        long budgetBytes = 1 << 20, bool goLive = true, ILogger? logger = null)
    {
        var queue = new SendQueue(budgetBytes);
        var encoder = StreamEnvelopeEncoder.Create(EnvelopeFormat.Msgpack, null);
        var relay = new LiveRelay(queue, encoder, new ResumePoint(), extensions: true, TimeProvider.System, logger ?? new RecordingLogger(), "x");
        var membership = await hubs.JoinAsync(nodeId, relay, CancellationToken.None);
        var session = await SubscriptionSession.OpenAsync(cache, nodeId, start, membership.LiveAfter, CancellationToken.None);
        var subscriber = new HubSubscriber(queue, relay, encoder, membership, session);
        if (goLive)
        {
            await subscriber.ReplayAndGoLiveAsync();
        }

        return subscriber;
    }

    /// <summary>Queues the replay (as the pump does, without pacing), then hands over to the relay.</summary>
    public async Task ReplayAndGoLiveAsync()
    {
        await foreach (var item in Session.ReplayAsync())
        {
            if (item is not SubscriptionEnd)
            {
                Queue.TryEnqueue(_encoder.Encode(item, DateTimeOffset.UnixEpoch));
            }
        }

        Relay.GoLive(Session);
    }

    /// <summary>The next queued frame, marked as sent.</summary>
    public async Task<OutgoingFrame> NextAsync()
    {
        var frame = await Queue.Reader.ReadAsync().AsTask().WaitAsync(Deadline);
        Queue.MarkSent(frame);
        return frame;
    }

    /// <summary>The sequence numbers of the next <paramref name="count"/> frames (-1 for a frame without one).</summary>
    public async Task<List<long>> SequencesAsync(int count)
    {
        var sequences = new List<long>();
        for (var i = 0; i < count; i++)
        {
            sequences.Add(Frames.Map(await NextAsync()).TryGetValue("sequence", out var sequence) && sequence is long number ? number : -1);
        }

        return sequences;
    }

    public ValueTask DisposeAsync() => _membership.DisposeAsync();
}
