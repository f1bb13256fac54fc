using System.Buffers.Binary;
using System.Diagnostics;
using MessagePack;
using Tiled.Bench.Measure;

namespace Tiled.Bench.Wire;

/// <summary>
/// Reads stream messages (msgpack maps, protocol §9.5) and counts them: <c>array-data</c> updates
/// (and <c>array-ref</c>, how the server announces a large persisted write sent by reference: an
/// update without payload, so without a latency sample),
/// sequence numbers that skip (missing) or do not rise (reordered, duplicate), <c>gap</c> messages,
/// payload bytes, and the latency from the stamp in the first 8 payload bytes to receipt.
/// One thread calls <see cref="Handle"/>; <see cref="Updates"/> and <see cref="LastReceipt"/> may be read from any.
/// </summary>
internal sealed class UpdateCounter(long lastSequence)
{
    private long _lastSequence = lastSequence;
    private long _updates;
    private long _lastReceipt;

    public long Updates => Volatile.Read(ref _updates);

    public long LastReceipt => Volatile.Read(ref _lastReceipt);

    public long FirstReceipt { get; private set; }

    public long Missing { get; private set; }

    public long Reordered { get; private set; }

    public long Duplicates { get; private set; }

    public long OtherMessages { get; private set; }

    public long PayloadBytes { get; private set; }

    /// <summary>Updates that came by reference (<c>array-ref</c>), counted in <see cref="Updates"/> too.</summary>
    public long References { get; private set; }

    public LatencyHistogram Latency { get; } = new();

    public void Handle(ReadOnlyMemory<byte> message, long receivedAt)
    {
        var reader = new MessagePackReader(message);
        var count = reader.ReadMapHeader();
        ReadOnlySpan<byte> type = default;
        ReadOnlySpan<byte> payload = default;
        long sequence = -1;
        long from = 0;
        long to = -1;
        for (var i = 0; i < count; i++)
        {
            var key = ReadUtf8(ref reader);
            if (key.SequenceEqual("type"u8))
            {
                type = ReadUtf8(ref reader);
            }
            else if (key.SequenceEqual("sequence"u8))
            {
                sequence = reader.ReadInt64();
            }
            else if (key.SequenceEqual("payload"u8) && reader.NextMessagePackType == MessagePackType.Binary)
            {
                payload = reader.ReadBytes()!.Value.FirstSpan;
            }
            else if (key.SequenceEqual("sequence_from"u8))
            {
                from = reader.ReadInt64();
            }
            else if (key.SequenceEqual("sequence_to"u8))
            {
                to = reader.ReadInt64();
            }
            else
            {
                reader.Skip();
            }
        }

        if (type.SequenceEqual("array-data"u8) || type.SequenceEqual("array-ref"u8))
        {
            References += type.SequenceEqual("array-ref"u8) ? 1 : 0;
            CountSequence(sequence);
            PayloadBytes += payload.Length;
            if (payload.Length >= sizeof(long))
            {
                Latency.RecordElapsed(BinaryPrimitives.ReadInt64LittleEndian(payload), receivedAt);
            }

            if (FirstReceipt == 0)
            {
                FirstReceipt = receivedAt;
            }

            Volatile.Write(ref _lastReceipt, receivedAt);
            Volatile.Write(ref _updates, _updates + 1);
        }
        else if (type.SequenceEqual("gap"u8) && to >= from)
        {
            Missing += to - from + 1;
            _lastSequence = Math.Max(_lastSequence, to);
        }
        else
        {
            OtherMessages++;
        }
    }

    /// <summary>The <c>type</c> of a message (e.g. <c>array-schema</c>), or empty.</summary>
    public static string ReadType(ReadOnlyMemory<byte> message)
    {
        var reader = new MessagePackReader(message);
        var count = reader.ReadMapHeader();
        for (var i = 0; i < count; i++)
        {
            if (reader.ReadString() == "type")
            {
                return reader.ReadString() ?? "";
            }

            reader.Skip();
        }

        return "";
    }

    /// <summary>A str's UTF-8 bytes, where they lie in the message (which is one block of memory).</summary>
    private static ReadOnlySpan<byte> ReadUtf8(scoped ref MessagePackReader reader) =>
        reader.TryReadStringSpan(out var utf8) ? utf8 : throw new MessagePackSerializationException("Expected a string.");

    private void CountSequence(long sequence)
    {
        if (_lastSequence >= 0 && sequence > _lastSequence + 1)
        {
            Missing += sequence - _lastSequence - 1;
        }

        if (sequence < _lastSequence)
        {
            Reordered++;
        }
        else if (sequence == _lastSequence)
        {
            Duplicates++;
        }
        else
        {
            _lastSequence = sequence;
        }
    }
}
