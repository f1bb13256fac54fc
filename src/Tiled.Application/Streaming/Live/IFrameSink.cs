namespace Tiled.Application.Streaming.Live;

/// <summary>
/// Where one subscription's frames go, bounded in bytes: the send budget, a port each transport
/// implements (the socket's own send queue on <c>/stream/single</c>, or the queue a multiplexed
/// socket shares among its subscriptions, each frame wrapped for its subscription).
/// </summary>
public interface IFrameSink
{
    /// <summary>The send budget in encoded bytes.</summary>
    long CapacityBytes { get; }

    /// <summary>Encoded bytes queued and not yet on the wire.</summary>
    long QueuedBytes { get; }

    /// <summary>Adds <paramref name="frame"/> unless that would take the queue over its capacity.</summary>
    bool TryEnqueue(OutgoingFrame frame);

    /// <summary>Waits until at most <paramref name="thresholdBytes"/> are queued, then adds <paramref name="frame"/>.</summary>
    ValueTask EnqueueWhenAtMostAsync(OutgoingFrame frame, long thresholdBytes, CancellationToken ct);
}
