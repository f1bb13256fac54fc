using System.Net.WebSockets;
using FluentAssertions;
using Tiled.Api.Streaming;
using Tiled.Application.Streaming.Live;
using Xunit;

namespace Tiled.UnitTests.Api.Streaming;

public sealed class SendQueueTests
{
    [Fact]
    public void A_frame_always_fits_an_empty_queue_even_beyond_the_capacity()
    {
        var queue = new SendQueue(10);

        queue.TryEnqueue(Frame(50)).Should().BeTrue();

        queue.QueuedBytes.Should().Be(50);
    }

    [Fact]
    public void A_frame_that_would_take_the_queue_over_its_capacity_is_refused()
    {
        var queue = new SendQueue(10);
        queue.TryEnqueue(Frame(6)).Should().BeTrue();

        queue.TryEnqueue(Frame(5)).Should().BeFalse();

        queue.TryEnqueue(Frame(4)).Should().BeTrue();
        queue.QueuedBytes.Should().Be(10);
    }

    [Fact]
    public async Task Sent_frames_free_their_bytes_in_order()
    {
        var queue = new SendQueue(10);
        queue.TryEnqueue(Frame(6, resumeAfter: 1));
        queue.TryEnqueue(Frame(4, resumeAfter: 2));

        var first = await queue.Reader.ReadAsync();
        queue.MarkSent(first);

        first.ResumeAfter.Should().Be(1);
        queue.QueuedBytes.Should().Be(4);
    }

    [Fact]
    public async Task Enqueueing_below_a_threshold_waits_until_enough_was_sent()
    {
        var queue = new SendQueue(10);
        queue.TryEnqueue(Frame(8));
        var waiting = queue.EnqueueWhenAtMostAsync(Frame(3), 5, CancellationToken.None).AsTask();

        waiting.IsCompleted.Should().BeFalse();
        queue.MarkSent(await queue.Reader.ReadAsync());

        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        queue.QueuedBytes.Should().Be(3);
    }

    [Fact]
    public async Task Waiting_for_room_can_be_cancelled()
    {
        var queue = new SendQueue(10);
        queue.TryEnqueue(Frame(8));
        using var cancel = new CancellationTokenSource();
        var waiting = queue.EnqueueWhenAtMostAsync(Frame(3), 5, cancel.Token).AsTask();

        await cancel.CancelAsync();

        await waiting.Invoking(w => w.WaitAsync(TimeSpan.FromSeconds(5))).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task Completing_lets_the_reader_drain_what_is_queued()
    {
        var queue = new SendQueue(10);
        queue.TryEnqueue(Frame(1));
        queue.TryEnqueue(Frame(2));

        queue.Complete();

        var lengths = new List<int>();
        await foreach (var frame in queue.Reader.ReadAllAsync())
        {
            lengths.Add(frame.Length);
        }

        lengths.Should().Equal(1, 2);
        queue.IsAbandoned.Should().BeFalse();
    }

    [Fact]
    public void Abandoning_flags_the_queue_for_the_writer()
    {
        var queue = new SendQueue(10);
        queue.TryEnqueue(Frame(1));

        queue.Abandon();

        queue.IsAbandoned.Should().BeTrue();
        queue.Reader.Completion.IsCompleted.Should().BeFalse("the reader still sees the queued frame and then the flag");
    }

    [Fact]
    public void The_capacity_must_be_positive() =>
        FluentActions.Invoking(() => new SendQueue(0)).Should().Throw<ArgumentOutOfRangeException>();

    private static OutgoingFrame Frame(int length, long? resumeAfter = null) =>
        new(new byte[length], WebSocketMessageType.Binary, resumeAfter);
}
