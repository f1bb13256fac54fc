using Tiled.Client;
using Tiled.Client.Streaming;

namespace Tiled.IntegrationTests.Streaming.Support;

/// <summary>
/// The lifecycle events of one .NET client subscription as awaitable tasks and logs. A callback that
/// throws is recorded in <see cref="Failures"/> so tests can assert there were none.
/// </summary>
public sealed class SubscriptionProbe
{
    private readonly TaskCompletionSource _streamClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _streamClosedCount;

    public SubscriptionProbe(Subscription subscription)
    {
        subscription.StreamClosed += () =>
        {
            Interlocked.Increment(ref _streamClosedCount);
            _streamClosed.TrySetResult();
        };
        subscription.Disconnected += () => _disconnected.TrySetResult();
        subscription.Gap += Gaps.Append;
        subscription.CallbackFailed += Failures.Append;
    }

    /// <summary>Completes when <see cref="Subscription.StreamClosed"/> was raised.</summary>
    public Task StreamClosed => _streamClosed.Task;

    /// <summary>Completes when <see cref="Subscription.Disconnected"/> was raised.</summary>
    public Task Disconnected => _disconnected.Task;

    /// <summary>How many times <see cref="Subscription.StreamClosed"/> was raised.</summary>
    public int StreamClosedCount => Volatile.Read(ref _streamClosedCount);

    public EventLog<HistoryGap> Gaps { get; } = new();

    public EventLog<Exception> Failures { get; } = new();

    /// <summary>Subscribes to <paramref name="array"/>'s new data, recording it, and starts at <paramref name="start"/>.</summary>
    public static async Task<(ArraySubscription Subscription, EventLog<ArrayDataReceived> Data, SubscriptionProbe Probe)> StartAsync(
        ArrayClient array, long? start = null)
    {
        var subscription = array.Subscribe();
        var data = new EventLog<ArrayDataReceived>();
        subscription.NewData += data.Add;
        var probe = new SubscriptionProbe(subscription);
        await subscription.StartAsync(start).WaitAsync(Deadline.Default);
        return (subscription, data, probe);
    }
}
