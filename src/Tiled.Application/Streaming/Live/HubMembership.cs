namespace Tiled.Application.Streaming.Live;

/// <summary>
/// A subscriber's place on its node's <see cref="NodeStreamHub"/>: the live messages it receives
/// cover the numbers after <see cref="LiveAfter"/>. Dispose to leave (the last one out closes the hub).
/// </summary>
public sealed class HubMembership(long liveAfter, Func<ValueTask> leave) : IAsyncDisposable
{
    private int _left;

    public long LiveAfter { get; } = liveAfter;

    public ValueTask DisposeAsync() => Interlocked.Exchange(ref _left, 1) == 0 ? leave() : ValueTask.CompletedTask;
}
