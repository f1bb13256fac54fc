namespace Tiled.IntegrationTests.Streaming.Support;

/// <summary>
/// Records what a subscription callback receives and lets a test await a condition on the record
/// with a deadline (no polling, no sleeps): every append re-checks the pending waits.
/// </summary>
public sealed class EventLog<T>
{
    private readonly Lock _gate = new();
    private readonly List<T> _items = [];
    private readonly List<(Func<IReadOnlyList<T>, bool> Condition, TaskCompletionSource Done)> _waits = [];

    /// <summary>A snapshot of everything received so far, in arrival order.</summary>
    public IReadOnlyList<T> Items
    {
        get
        {
            lock (_gate)
            {
                return [.. _items];
            }
        }
    }

    /// <summary>Use as the subscription callback (e.g. <c>sub.NewData += log.Add</c>).</summary>
    public Task Add(T item)
    {
        Append(item);
        return Task.CompletedTask;
    }

    public void Append(T item)
    {
        List<TaskCompletionSource> done = [];
        lock (_gate)
        {
            _items.Add(item);
            for (var i = _waits.Count - 1; i >= 0; i--)
            {
                if (_waits[i].Condition(_items))
                {
                    done.Add(_waits[i].Done);
                    _waits.RemoveAt(i);
                }
            }
        }

        done.ForEach(d => d.TrySetResult());
    }

    /// <summary>Completes when at least <paramref name="count"/> items arrived; returns them all.</summary>
    public Task<IReadOnlyList<T>> WaitForCountAsync(int count, TimeSpan? timeout = null) =>
        WaitUntilAsync(items => items.Count >= count, $"{count} item(s)", timeout);

    /// <summary>Completes when an item matching <paramref name="match"/> arrived; returns everything so far.</summary>
    public Task<IReadOnlyList<T>> WaitForAsync(Func<T, bool> match, TimeSpan? timeout = null) =>
        WaitUntilAsync(items => items.Any(match), "a matching item", timeout);

    /// <summary>Completes when <paramref name="condition"/> holds; throws <see cref="TimeoutException"/> with what did arrive otherwise.</summary>
    public async Task<IReadOnlyList<T>> WaitUntilAsync(Func<IReadOnlyList<T>, bool> condition, string what, TimeSpan? timeout = null)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (condition(_items))
            {
                return [.. _items];
            }

            _waits.Add((condition, done));
        }

        try
        {
            await done.Task.WaitAsync(timeout ?? Deadline.Default);
        }
        catch (TimeoutException)
        {
            lock (_gate)
            {
                _waits.RemoveAll(w => w.Done == done);
            }

            var received = Items;
            throw new TimeoutException(
                $"Waited {(timeout ?? Deadline.Default).TotalSeconds:0.#} s for {what}; got {received.Count}: "
                + string.Join(", ", received.TakeLast(20)));
        }

        return Items;
    }
}
