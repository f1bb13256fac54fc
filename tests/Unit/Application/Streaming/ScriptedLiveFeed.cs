using System.Threading.Channels;
using Tiled.Application.Abstractions;

namespace Tiled.UnitTests.Application.Streaming;

/// <summary>A live feed whose notifications the test writes by hand (any order, jumps, failures).</summary>
internal sealed class ScriptedLiveFeed : ILiveFeed
{
    private readonly Channel<long> _channel = Channel.CreateUnbounded<long>();

    public ChannelReader<long> Sequences => _channel.Reader;

    public bool Disposed { get; private set; }

    public void Notify(params long[] sequences)
    {
        foreach (var sequence in sequences)
        {
            _channel.Writer.TryWrite(sequence);
        }
    }

    /// <summary>True once the feed failed or ended: a new subscription gets a new feed, as from a real cache.</summary>
    public bool Finished { get; private set; }

    public void Fail(Exception error)
    {
        Finished = true;
        _channel.Writer.TryComplete(error);
    }

    public void End()
    {
        Finished = true;
        _channel.Writer.TryComplete();
    }

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        _channel.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}
