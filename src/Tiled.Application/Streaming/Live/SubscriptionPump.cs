using System.Text.Json;
using Microsoft.Extensions.Logging;
using Tiled.Application.Streaming.Subscriptions;

namespace Tiled.Application.Streaming.Live;

/// <summary>
/// Feeds one subscription's frames into its <see cref="IFrameSink"/>: join the node's hub with
/// <see cref="Live"/> first, then open the session and call <see cref="RunAsync"/>, which replays
/// the session's history (paced to half the budget) and then lets the <see cref="LiveRelay"/> queue
/// the hub's shared frames directly. Without <c>extensions</c>, this server's additional updates
/// are left out (<see cref="StreamExtensions"/>). Every transport runs its subscriptions through this.
/// </summary>
public sealed class SubscriptionPump
{
    private readonly IFrameSink _sink;
    private readonly StreamEnvelopeEncoder _encoder;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly string _nodePath;
    private readonly LiveRelay _relay;
    private readonly bool _extensions;
    private readonly PayloadInlining? _inlining;

    public SubscriptionPump(IFrameSink sink, ResumePoint resume, StreamEnvelopeEncoder encoder, bool extensions, TimeProvider clock, ILogger logger,
        string nodePath, PayloadInlining? inlining = null)
    {
        _inlining = inlining;
        Resume = resume;
        _extensions = extensions;
        _sink = sink;
        _encoder = encoder;
        _clock = clock;
        _logger = logger;
        _nodePath = nodePath;
        _relay = new LiveRelay(sink, encoder, Resume, extensions, clock, logger, nodePath, inlining);
    }

    /// <summary>This subscription's listener on its node's hub; messages wait in it until the replay is done.</summary>
    public INodeStreamListener Live => _relay;

    /// <summary>Where the subscriber should resume if cut off; the transport reports each written frame to it.</summary>
    public ResumePoint Resume { get; }

    /// <summary>Completes when the live part decides the end: stream ended, feed lost, too slow, failure.</summary>
    public Task<CloseDecision> LiveCompletion => _relay.Completion;

    /// <summary>Replays, then hands over to the relay and returns its decision (<see cref="CloseDecision.Cancelled"/> when cancelled).</summary>
    public async Task<CloseDecision> RunAsync(SubscriptionSession session, CancellationToken ct)
    {
        try
        {
            await foreach (var replayed in session.ReplayAsync(ct))
            {
                var item = _inlining is null ? replayed : await _inlining.ApplyAsync(replayed, ct);
                if (item is SubscriptionEnd end)
                {
                    return CloseDecision.For(end);
                }

                if (!_extensions && StreamExtensions.IsExtension(item))
                {
                    continue;
                }

                Resume.Produced(item);
                await _sink.EnqueueWhenAtMostAsync(Encode(item), _sink.CapacityBytes / 2, ct);
            }

            _relay.GoLive(session);
            return await _relay.Completion.WaitAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return CloseDecision.Cancelled;
        }
        catch (Exception e)
        {
            LiveStreamLog.SubscriptionFailed(_logger, e, _nodePath);
            return CloseDecision.InternalError;
        }
    }

    private OutgoingFrame Encode(SubscriptionItem item)
    {
        try
        {
            return _encoder.Encode(item, _clock.GetUtcNow());
        }
        catch (JsonException) when (item is SubscriptionEntry { Entry.Sequence: var sequence })
        {
            // A corrupt entry would fail every reconnect at the same place: report it as missing instead.
            LiveStreamLog.UnreadableEntry(_logger, _nodePath, sequence);
            return _encoder.Encode(new SubscriptionGap(sequence, sequence, item.FromReplay), _clock.GetUtcNow());
        }
    }
}
