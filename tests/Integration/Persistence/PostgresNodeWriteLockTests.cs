using FluentAssertions;
using Npgsql;
using Tiled.Domain.Nodes;
using Tiled.Infrastructure.Persistence;
using Xunit;
using Xunit.Abstractions;

namespace Tiled.IntegrationTests.Persistence;

/// <summary>
/// The cross-process node lock on a real PostgreSQL: two lock instances stand for two server
/// processes (each has its own connections, so PostgreSQL sees two sessions).
/// </summary>
public sealed class PostgresNodeWriteLockTests : IClassFixture<PostgresCatalogDatabase>
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly PostgresCatalogDatabase _database;
    private readonly NodePath _path = NodePath.Parse("lock-" + Guid.NewGuid().ToString("N"));

    public PostgresNodeWriteLockTests(PostgresCatalogDatabase database, ITestOutputHelper output)
    {
        _database = database;
        if (database.UnavailableReason is { } reason)
        {
            output.WriteLine($"Returning early without testing: {reason}");
        }
    }

    [Fact]
    public async Task Another_process_waits_while_the_lock_is_held_and_gets_it_once_released()
    {
        if (_database.UnavailableReason is not null) { return; }
        await using var first = Process();
        await using var second = Process();

        var held = await first.AcquireAsync(_path, Ct);
        var waiting = second.AcquireAsync(_path, Ct);
        await Task.Delay(300);
        waiting.IsCompleted.Should().BeFalse("the first process holds the node's lock");

        await held.DisposeAsync();
        await (await waiting.WaitAsync(TimeSpan.FromSeconds(5))).DisposeAsync();
    }

    [Fact]
    public async Task A_lock_kept_between_writes_is_given_back_once_the_node_is_idle()
    {
        if (_database.UnavailableReason is not null) { return; }
        await using var locks = Process();

        var held = await locks.AcquireAsync(_path, Ct);
        (await AdvisoryLocksHeldAsync()).Should().Be(1);
        await held.DisposeAsync();

        await WaitUntilAsync(async () => await AdvisoryLocksHeldAsync() == 0);
        locks.GateCount.Should().Be(0, "nothing is kept for a node no longer written");
    }

    [Fact]
    public async Task A_process_writing_without_pause_lets_another_process_in()
    {
        if (_database.UnavailableReason is not null) { return; }
        await using var busy = Process();
        await using var other = Process();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await (await busy.AcquireAsync(_path, Ct)).DisposeAsync();
            }
        });
        await Task.Delay(100);

        var turn = other.AcquireAsync(_path, Ct);
        await (await turn.WaitAsync(TimeSpan.FromSeconds(5))).DisposeAsync();

        await stop.CancelAsync();
        await writer;
    }

    [Fact]
    public async Task Writers_of_one_node_in_two_processes_never_overlap()
    {
        if (_database.UnavailableReason is not null) { return; }
        await using var first = Process();
        await using var second = Process();
        var inside = 0;
        var overlaps = 0;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            var locks = i % 2 == 0 ? first : second;
            for (var n = 0; n < 25; n++)
            {
                await using (await locks.AcquireAsync(_path, Ct))
                {
                    if (Interlocked.Increment(ref inside) != 1)
                    {
                        Interlocked.Increment(ref overlaps);
                    }

                    await Task.Delay(n % 3);
                    Interlocked.Decrement(ref inside);
                }
            }
        })));

        overlaps.Should().Be(0);
    }

    private PostgresNodeWriteLock Process() => new(NpgsqlDataSource.Create(_database.ConnectionString), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5));

    private async Task<long> AdvisoryLocksHeldAsync()
    {
        var key = PostgresNodeWriteLock.LockKey(_path);
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND ((classid::bigint << 32) | objid::bigint) = @key",
            connection);
        command.Parameters.AddWithValue("key", key);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!await condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the condition should hold within 5 s");
            await Task.Delay(20);
        }
    }
}
