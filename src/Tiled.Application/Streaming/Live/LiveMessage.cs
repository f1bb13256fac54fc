using Tiled.Application.Streaming.Subscriptions;

namespace Tiled.Application.Streaming.Live;

/// <summary>
/// One live item as a <see cref="NodeStreamHub"/> hands it to every subscriber of the node. Its
/// frame is encoded at most once per <see cref="FrameKey"/> and then shared: the bytes are
/// immutable, and each subscriber's send queue only holds a reference to them.
/// </summary>
public sealed class LiveMessage(SubscriptionItem item)
{
    private readonly Lock _gate = new();
    private FrameKey _firstKey;
    private OutgoingFrame? _first;
    private List<(FrameKey Key, OutgoingFrame Frame)>? _others;
    private bool? _isExtension;

    public SubscriptionItem Item { get; } = item;

    /// <summary>The same message with its payload inlined, for listeners that asked (null: nobody did, or nothing to inline).</summary>
    public LiveMessage? Inlined { get; init; }

    /// <summary>Whether <see cref="Item"/> is one of this server's additions (judged once, for every subscriber).</summary>
    public bool IsExtension => _isExtension ??= StreamExtensions.IsExtension(Item);

    /// <summary>The stored bytes this message keeps alive (metadata and payload of its entry).</summary>
    public long Bytes { get; } = item is SubscriptionEntry { Entry: var entry } ? entry.MetadataJson.Length + entry.Payload.Length : 0;

    /// <summary>
    /// <see cref="Item"/> encoded by <paramref name="encoder"/>, or by an earlier encoder with the same
    /// key. Throws what the encoder throws (nothing is cached then).
    /// </summary>
    public OutgoingFrame FrameFor(StreamEnvelopeEncoder encoder, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        lock (_gate)
        {
            if (_first is { } first && _firstKey == encoder.Key)
            {
                return first;
            }

            foreach (var (key, frame) in _others ?? [])
            {
                if (key == encoder.Key)
                {
                    return frame;
                }
            }

            var encoded = encoder.Encode(Item, now);
            if (_first is null)
            {
                (_firstKey, _first) = (encoder.Key, encoded);
            }
            else
            {
                (_others ??= []).Add((encoder.Key, encoded));
            }

            return encoded;
        }
    }
}
