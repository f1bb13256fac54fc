namespace Tiled.Application.Streaming.Live;

/// <summary>
/// Receives a <see cref="NodeStreamHub"/>'s messages, in order, on the hub's loop. Implementations
/// must return quickly and never block: every other subscriber of the node waits meanwhile.
/// </summary>
public interface INodeStreamListener
{
    /// <summary>The next live message; the same instance goes to every listener.</summary>
    void OnMessage(LiveMessage message);

    /// <summary>
    /// The hub stopped for good after the messages already handed over: a
    /// <see cref="Application.Abstractions.LiveFeedLostException"/> when the feed was lost, any other
    /// exception when loading entries failed.
    /// </summary>
    void OnFailed(Exception error);

    /// <summary>Set when this listener wants payloads sent by reference inline: the hub inlines them once for all such listeners.</summary>
    PayloadInlining? Inlining { get; }
}
