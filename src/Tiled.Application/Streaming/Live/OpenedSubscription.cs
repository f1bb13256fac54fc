using Tiled.Application.Streaming.Subscriptions;

namespace Tiled.Application.Streaming.Live;

/// <summary>
/// A subscription that has joined its node's live stream and knows where its replay starts. The
/// transport queues <see cref="Schema"/> first, then runs <see cref="RunAsync"/> until it decides the
/// end (or <see cref="LiveCompletion"/> does), and disposes it to leave the node's hub.
/// </summary>
public sealed class OpenedSubscription(SubscriptionPump pump, SubscriptionSession session, HubMembership membership,
    StreamEnvelopeEncoder encoder, OutgoingFrame schema) : IAsyncDisposable
{
    /// <summary>The schema message, encoded for the subscriber's envelope.</summary>
    public OutgoingFrame Schema { get; } = schema;

    /// <summary>The encoder of this subscriber's envelope, for the transport's own messages (e.g. <c>closing</c>).</summary>
    public StreamEnvelopeEncoder Encoder { get; } = encoder;

    /// <summary>The session: its <see cref="SubscriptionSession.Start"/> is where a resume point counts from.</summary>
    public SubscriptionSession Session { get; } = session;

    /// <summary>Where the subscriber should resume if cut off.</summary>
    public ResumePoint Resume => pump.Resume;

    /// <summary>Completes when the live part decides the end: stream ended, feed lost, too slow, failure.</summary>
    public Task<CloseDecision> LiveCompletion => pump.LiveCompletion;

    /// <summary>Replays, then relays live messages; returns how the subscription ends.</summary>
    public Task<CloseDecision> RunAsync(CancellationToken ct) => pump.RunAsync(Session, ct);

    public ValueTask DisposeAsync() => membership.DisposeAsync();
}
