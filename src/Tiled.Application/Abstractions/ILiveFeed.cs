using System.Threading.Channels;

namespace Tiled.Application.Abstractions;

/// <summary>
/// Live notifications for one node. <see cref="Sequences"/> yields sequence numbers in order; it
/// completes with <see cref="LiveFeedLostException"/> when the underlying connection is lost
/// (subscribers are then closed with 1012 so that they reconnect). Dispose to unsubscribe.
/// </summary>
public interface ILiveFeed : IAsyncDisposable
{
    ChannelReader<long> Sequences { get; }
}
