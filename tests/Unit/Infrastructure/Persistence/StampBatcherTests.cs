using System.Collections.Concurrent;
using FluentAssertions;
using Tiled.Infrastructure.Persistence;
using Xunit;

namespace Tiled.UnitTests.Infrastructure.Persistence;

public sealed class StampBatcherTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>A database stand-in that records each batch and holds it until released.</summary>
    private sealed class GatedDatabase
    {
        private readonly ConcurrentQueue<TaskCompletionSource> _gates = new();

        public ConcurrentQueue<string[]> Batches { get; } = new();

        public Dictionary<string, NodeStamp> Rows { get; } = new(StringComparer.Ordinal) { ["a"] = new(1, 1), ["b"] = new(2, 5), ["c"] = new(3, 7) };

        public Exception? Failure { get; set; }

        public bool Hold { get; set; } = true;

        public async Task<IReadOnlyDictionary<string, NodeStamp>> ReadManyAsync(string[] paths)
        {
            Batches.Enqueue(paths);
            if (Hold)
            {
                var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _gates.Enqueue(gate);
                await gate.Task;
            }

            return Failure is { } failure
                ? throw failure
                : paths.Where(Rows.ContainsKey).ToDictionary(p => p, p => Rows[p], StringComparer.Ordinal);
        }

        public async Task ReleaseNextAsync()
        {
            var deadline = DateTime.UtcNow + Patience;
            TaskCompletionSource? gate;
            while (!_gates.TryDequeue(out gate))
            {
                DateTime.UtcNow.Should().BeBefore(deadline, "a batch should have been started");
                await Task.Delay(5);
            }

            gate.SetResult();
        }
    }

    [Fact]
    public async Task Paths_asked_while_a_query_is_out_go_together_in_the_next_query()
    {
        var database = new GatedDatabase();
        var batcher = new StampBatcher(database.ReadManyAsync);

        var a = batcher.ReadAsync("a", CancellationToken.None);
        var b = batcher.ReadAsync("b", CancellationToken.None);
        var missing = batcher.ReadAsync("zzz", CancellationToken.None);
        var b2 = batcher.ReadAsync("b", CancellationToken.None);
        await database.ReleaseNextAsync();
        (await a.WaitAsync(Patience)).Should().Be(new NodeStamp(1, 1));
        b.IsCompleted.Should().BeFalse("b was asked after the first query had started");
        await database.ReleaseNextAsync();

        (await b.WaitAsync(Patience)).Should().Be(new NodeStamp(2, 5));
        (await b2.WaitAsync(Patience)).Should().Be(new NodeStamp(2, 5));
        (await missing.WaitAsync(Patience)).Should().BeNull();
        database.Batches.Should().BeEquivalentTo(new[] { new[] { "a" }, new[] { "b", "zzz" } }, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task A_failed_query_fails_its_batch_only_and_the_next_query_runs()
    {
        var database = new GatedDatabase { Failure = new InvalidOperationException("database restarted") };
        var batcher = new StampBatcher(database.ReadManyAsync);

        var failed = batcher.ReadAsync("a", CancellationToken.None);
        await database.ReleaseNextAsync();
        await failed.Invoking(t => t.WaitAsync(Patience)).Should().ThrowAsync<InvalidOperationException>().WithMessage("database restarted");

        database.Failure = null;
        var next = batcher.ReadAsync("c", CancellationToken.None);
        await database.ReleaseNextAsync();
        (await next.WaitAsync(Patience)).Should().Be(new NodeStamp(3, 7));
    }

    [Fact]
    public async Task A_cancelled_reader_stops_waiting_and_the_others_get_their_answers()
    {
        var database = new GatedDatabase();
        var batcher = new StampBatcher(database.ReadManyAsync);
        using var cancel = new CancellationTokenSource();

        var cancelled = batcher.ReadAsync("a", cancel.Token);
        var other = batcher.ReadAsync("a", CancellationToken.None);
        await cancel.CancelAsync();

        await cancelled.Invoking(t => t.WaitAsync(Patience)).Should().ThrowAsync<OperationCanceledException>();
        await database.ReleaseNextAsync();
        await database.ReleaseNextAsync();
        (await other.WaitAsync(Patience)).Should().Be(new NodeStamp(1, 1));
    }

    [Fact]
    public async Task Every_one_of_many_concurrent_reads_is_answered()
    {
        var database = new GatedDatabase { Hold = false };
        var batcher = new StampBatcher(database.ReadManyAsync);
        string[] paths = ["a", "b", "c", "missing"];

        var reads = Enumerable.Range(0, 20_000)
            .Select(i => Task.Run(() => batcher.ReadAsync(paths[i % paths.Length], CancellationToken.None)))
            .ToArray();
        var answers = await Task.WhenAll(reads).WaitAsync(Patience);

        answers.Select((stamp, i) => (paths[i % paths.Length], stamp)).Should().OnlyContain(x => Equals(x.stamp, database.Rows.GetValueOrDefault(x.Item1)));
        database.Batches.Sum(b => b.Length).Should().BeLessThanOrEqualTo(reads.Length);
    }
}
