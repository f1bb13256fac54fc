using System.Threading.Channels;
using Tiled.Application.Abstractions;

namespace Tiled.Infrastructure.Streaming;

/// <summary>
/// A live feed over an unbounded channel of sequence numbers. Unbounded is deliberate: a number is
/// 8 bytes, and the WebSocket layer bounds what a slow subscriber may cost in bytes.
/// </summary>
internal sealed class ChannelLiveFeed(Func<ChannelLiveFeed, ValueTask> unsubscribe) : ILiveFeed
{
    private readonly Channel<long> _channel = Channel.CreateUnbounded<long>(new UnboundedChannelOptions
    {
        SingleReader = true,
        SingleWriter = false,
        // Notifications are written under the cache's locks: never run a reader's continuation inline.
        AllowSynchronousContinuations = false,
    });

    private int _disposed;

    public ChannelReader<long> Sequences => _channel.Reader;

    /// <summary>Queues <paramref name="sequence"/>; false once the feed is completed.</summary>
    public bool TryNotify(long sequence) => _channel.Writer.TryWrite(sequence);

    /// <summary>Ends the feed with <paramref name="error"/>; numbers already queued are still readable first.</summary>
    public bool Fail(Exception error) => _channel.Writer.TryComplete(error);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await unsubscribe(this).ConfigureAwait(false);
        }
        finally
        {
            _channel.Writer.TryComplete();
        }
    }
}
