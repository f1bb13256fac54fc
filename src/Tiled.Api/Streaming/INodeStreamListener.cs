namespace Tiled.Api.Streaming;

/// <summary>
/// Receives a <see cref="NodeStreamHub"/>'s messages, in order, on the hub's loop. Implementations
/// must return quickly and never block: every other subscriber of the node waits meanwhile.
/// </summary>
internal interface INodeStreamListener
{
    /// <summary>The next live message; the same instance goes to every listener.</summary>
    void OnMessage(LiveMessage message);

    /// <summary>
    /// The hub stopped for good after the messages already handed over: a
    /// <see cref="Application.Abstractions.LiveFeedLostException"/> when the feed was lost, any other
    /// exception when loading entries failed.
    /// </summary>
    void OnFailed(Exception error);
}
