using Tiled.Application.Abstractions;

namespace Tiled.Infrastructure.Streaming;

/// <summary>One entry held by <see cref="InMemoryStreamCache"/>, linked into the cache-wide age list.</summary>
internal sealed class InMemoryRetainedEntry(InMemoryNodeStream node, long sequence, byte[] metadataJson, ReadOnlyMemory<byte> payload, long expiresAt)
{
    public InMemoryNodeStream Node { get; } = node;

    public long Sequence { get; } = sequence;

    /// <summary>What readers get: built once, so a read allocates nothing per entry.</summary>
    public StreamEntry Entry { get; } = new(sequence, metadataJson, payload);

    public byte[] MetadataJson { get; } = metadataJson;

    public ReadOnlyMemory<byte> Payload { get; } = payload;

    /// <summary>Expiry as a <see cref="TimeProvider.GetTimestamp"/> value.</summary>
    public long ExpiresAt { get; } = expiresAt;

    public long Bytes => MetadataJson.LongLength + Payload.Length;

    /// <summary>This entry's place in the cache-wide list, oldest first; null once removed.</summary>
    public LinkedListNode<InMemoryRetainedEntry>? AgeNode { get; set; }
}
