using System.Collections.Concurrent;

namespace Tiled.Infrastructure.Persistence;

/// <summary>
/// Coalesces stamp reads: while one query is out, the paths asked for meanwhile wait and go
/// together in the next one. Each answer comes from a query that started after it was asked, so
/// reads are as fresh as with one query each; under load the database runs one query per batch
/// instead of one per request.
/// </summary>
internal sealed class StampBatcher(Func<string[], Task<IReadOnlyDictionary<string, NodeStamp>>> readMany)
{
    private const int MaxBatch = 256;

    private readonly ConcurrentQueue<Waiter> _waiting = new();
    private int _running;

    public Task<NodeStamp?> ReadAsync(string path, CancellationToken ct)
    {
        var waiter = new Waiter(path);
        _waiting.Enqueue(waiter);
        if (Interlocked.CompareExchange(ref _running, 1, 0) == 0)
        {
            _ = RunAsync();
        }

        return waiter.Answer.Task.WaitAsync(ct);
    }

    private async Task RunAsync()
    {
        while (true)
        {
            var batch = new List<Waiter>();
            while (batch.Count < MaxBatch && _waiting.TryDequeue(out var waiter))
            {
                batch.Add(waiter);
            }

            if (batch.Count == 0)
            {
                Volatile.Write(ref _running, 0);
                // A path queued after the drain but before the flag dropped must not wait forever.
                if (_waiting.IsEmpty || Interlocked.CompareExchange(ref _running, 1, 0) != 0)
                {
                    return;
                }

                continue;
            }

            try
            {
                var stamps = await readMany(batch.Select(w => w.Path).Distinct(StringComparer.Ordinal).ToArray());
                foreach (var waiter in batch)
                {
                    waiter.Answer.TrySetResult(stamps.GetValueOrDefault(waiter.Path));
                }
            }
            catch (Exception e)
            {
                foreach (var waiter in batch)
                {
                    waiter.Answer.TrySetException(e);
                }
            }
        }
    }

    private sealed class Waiter(string path)
    {
        public string Path { get; } = path;

        public TaskCompletionSource<NodeStamp?> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
