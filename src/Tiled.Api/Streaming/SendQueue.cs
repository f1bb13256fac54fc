using System.Threading.Channels;
using Tiled.Application.Streaming.Live;

namespace Tiled.Api.Streaming;

/// <summary>
/// The frames between one subscriber's session and its socket writer, bounded in encoded bytes.
/// One consumer; one producer, or several when <paramref name="singleProducer"/> is false (a
/// multiplexed socket). A frame always fits an empty queue, so a single message larger than the
/// capacity is still delivered.
/// </summary>
internal sealed class SendQueue(long capacityBytes, bool singleProducer = true) : IFrameSink
{
    private readonly Channel<OutgoingFrame> _frames = Channel.CreateUnbounded<OutgoingFrame>(new UnboundedChannelOptions
    {
        SingleReader = true,
        SingleWriter = singleProducer,
        // An idle writer sends on the enqueuing thread (the hub's loop) until its socket pushes back,
        // instead of costing one thread-pool work item per subscriber per message. Nothing that
        // enqueues holds a lock the writer takes.
        AllowSynchronousContinuations = true,
    });

    private readonly Lock _gate = new();
    private long _queuedBytes;
    private TaskCompletionSource? _spaceFreed;
    private volatile bool _abandoned;

    public long CapacityBytes { get; } = capacityBytes > 0
        ? capacityBytes
        : throw new ArgumentOutOfRangeException(nameof(capacityBytes), capacityBytes, "The send budget must be positive.");

    public long QueuedBytes
    {
        get
        {
            lock (_gate)
            {
                return _queuedBytes;
            }
        }
    }

    public ChannelReader<OutgoingFrame> Reader => _frames.Reader;

    /// <summary>True once <see cref="Abandon"/> was called: the writer must stop without sending what is left.</summary>
    public bool IsAbandoned => _abandoned;

    /// <summary>Adds <paramref name="frame"/> unless that would take the queue over its capacity.</summary>
    public bool TryEnqueue(OutgoingFrame frame)
    {
        lock (_gate)
        {
            if (_queuedBytes > 0 && _queuedBytes + frame.Length > CapacityBytes)
            {
                return false;
            }

            _queuedBytes += frame.Length;
        }

        Write(frame);
        return true;
    }

    /// <summary>Waits until at most <paramref name="thresholdBytes"/> are queued, then adds <paramref name="frame"/>.</summary>
    public async ValueTask EnqueueWhenAtMostAsync(OutgoingFrame frame, long thresholdBytes, CancellationToken ct)
    {
        while (true)
        {
            Task spaceFreed;
            lock (_gate)
            {
                if (_queuedBytes <= thresholdBytes)
                {
                    _queuedBytes += frame.Length;
                    break;
                }

                _spaceFreed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                spaceFreed = _spaceFreed.Task;
            }

            await spaceFreed.WaitAsync(ct);
        }

        Write(frame);
    }

    /// <summary>Called by the writer once <paramref name="frame"/> is on the wire.</summary>
    public void MarkSent(OutgoingFrame frame)
    {
        TaskCompletionSource? spaceFreed;
        lock (_gate)
        {
            _queuedBytes -= frame.Length;
            spaceFreed = _spaceFreed;
            _spaceFreed = null;
        }

        spaceFreed?.TrySetResult();
    }

    /// <summary>No more frames: the writer sends what is queued and stops.</summary>
    public void Complete() => _frames.Writer.TryComplete();

    /// <summary>No more frames, and those queued are dropped: the writer stops after its current send.</summary>
    public void Abandon()
    {
        _abandoned = true;
        _frames.Writer.TryComplete();
    }

    private void Write(OutgoingFrame frame)
    {
        // After Complete/Abandon nothing is read any more; the frame is simply dropped.
        _frames.Writer.TryWrite(frame);
    }
}
