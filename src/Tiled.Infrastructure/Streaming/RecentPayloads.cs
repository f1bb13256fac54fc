using Tiled.Application.Abstractions;

namespace Tiled.Infrastructure.Streaming;

/// <summary>
/// The large payloads this process appended lately, so that its own live readers take them from
/// memory instead of reading megabytes back from Redis. Each is tagged with a writer token that the
/// append stores beside it in Redis (field <c>writer</c>, which Tiled's Python server ignores); a
/// reader uses the copy only while Redis still names that writer, because a restarted numbering (or
/// another process) may reuse the sequence number. Oldest first out beyond the byte capacity.
/// </summary>
internal sealed class RecentPayloads(long capacityBytes)
{
    /// <summary>Smaller payloads are read back with their entry in the same round trip anyway.</summary>
    public const int MinimumBytes = 64 * 1024;

    private readonly string _process = Guid.NewGuid().ToString("N");
    private readonly Lock _gate = new();
    private readonly Dictionary<(long Node, long Sequence), Payload> _payloads = [];
    private readonly Queue<(long Node, long Sequence)> _oldestFirst = new();
    private long _bytes;
    private long _written;

    /// <summary>
    /// A token for the next append, or null when <paramref name="payload"/> is not kept: too small, too
    /// large, or not frozen (its owner may reuse the memory, and a copy would cost what it saves).
    /// </summary>
    public string? TokenFor(StreamPayload payload) =>
        payload.Length >= MinimumBytes && payload.Length <= capacityBytes && payload.Immutable
            ? $"{_process}:{Interlocked.Increment(ref _written)}"
            : null;

    public void Remember(long nodeId, long sequence, string token, ReadOnlyMemory<byte> payload)
    {
        lock (_gate)
        {
            var key = (nodeId, sequence);
            if (_payloads.Remove(key, out var replaced))
            {
                _bytes -= replaced.Bytes.Length;
            }

            _payloads[key] = new Payload(token, payload);
            _oldestFirst.Enqueue(key);
            _bytes += payload.Length;
            while (_bytes > capacityBytes && _oldestFirst.TryDequeue(out var oldest))
            {
                if (_payloads.Remove(oldest, out var evicted))
                {
                    _bytes -= evicted.Bytes.Length;
                }
            }
        }
    }

    public Payload? Find(long nodeId, long sequence)
    {
        lock (_gate)
        {
            return _payloads.GetValueOrDefault((nodeId, sequence));
        }
    }

    /// <summary>Drops the node's payloads now (its stream was removed) rather than when they age out.</summary>
    public void Forget(long nodeId)
    {
        lock (_gate)
        {
            foreach (var key in _payloads.Keys.Where(k => k.Node == nodeId).ToList())
            {
                _payloads.Remove(key, out var forgotten);
                _bytes -= forgotten!.Bytes.Length;
            }
        }
    }

    internal sealed record Payload(string Token, ReadOnlyMemory<byte> Bytes);
}
