using FluentAssertions;
using Tiled.Application.Common.Concurrency;
using Tiled.Domain.Nodes;
using Xunit;

namespace Tiled.UnitTests.Application.Concurrency;

public sealed class NodeWriteLocksTests
{
    private static NodePath Node(int i) => NodePath.Parse($"n{i}");

    [Fact]
    public async Task A_second_writer_of_the_same_node_waits_until_the_first_releases()
    {
        var locks = new NodeWriteLocks();
        var first = await locks.AcquireAsync(Node(7), CancellationToken.None);

        var second = locks.AcquireAsync(Node(7), CancellationToken.None);
        await Task.Delay(50);
        second.IsCompleted.Should().BeFalse();

        await first.DisposeAsync();
        await (await second.WaitAsync(TimeSpan.FromSeconds(5))).DisposeAsync();
    }

    [Fact]
    public async Task Different_nodes_do_not_wait_for_each_other()
    {
        var locks = new NodeWriteLocks();
        await using var first = await locks.AcquireAsync(Node(1), CancellationToken.None);

        var other = locks.AcquireAsync(Node(2), CancellationToken.None);

        other.IsCompletedSuccessfully.Should().BeTrue();
        await (await other).DisposeAsync();
    }

    [Fact]
    public async Task Gates_of_nodes_no_longer_written_are_dropped()
    {
        var locks = new NodeWriteLocks();
        var writers = Enumerable.Range(0, 1000).Select(async i =>
        {
            await using (await locks.AcquireAsync(Node(i % 37), CancellationToken.None))
            {
                await Task.Yield();
            }
        });
        await Task.WhenAll(writers);

        locks.GateCount.Should().Be(0);
    }

    [Fact]
    public async Task A_cancelled_wait_leaves_no_gate_and_does_not_take_the_lock()
    {
        var locks = new NodeWriteLocks();
        var held = await locks.AcquireAsync(Node(3), CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = locks.AcquireAsync(Node(3), cancel.Token);
        await cancel.CancelAsync();
        await FluentActions.Awaiting(() => waiting).Should().ThrowAsync<OperationCanceledException>();
        await held.DisposeAsync();

        locks.GateCount.Should().Be(0);
        await (await locks.AcquireAsync(Node(3), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5))).DisposeAsync();
    }

    [Fact]
    public async Task Releasing_twice_releases_once()
    {
        var locks = new NodeWriteLocks();
        var held = await locks.AcquireAsync(Node(4), CancellationToken.None);
        var waiting = locks.AcquireAsync(Node(4), CancellationToken.None);

        await held.DisposeAsync();
        await held.DisposeAsync();
        var second = await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        var third = locks.AcquireAsync(Node(4), CancellationToken.None);

        third.IsCompleted.Should().BeFalse("the second writer still holds the lock");
        await second.DisposeAsync();
        await (await third.WaitAsync(TimeSpan.FromSeconds(5))).DisposeAsync();
    }
}
