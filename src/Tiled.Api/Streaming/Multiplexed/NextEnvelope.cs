using System.Buffers;
using System.Text.Json;
using System.Text;
using MessagePack;
using Tiled.Application.Streaming.Live;

namespace Tiled.Api.Streaming.Multiplexed;

/// <summary>
/// Wraps a frame that <c>/stream/single</c> would send into this subscription's
/// <c>{"type": "next", "id": ..., "path": ..., "metadata": &lt;frame&gt;}</c> without decoding it:
/// <c>metadata</c> is the last key, so the envelope is a prefix written once per subscription,
/// the frame's bytes, and (JSON) a closing brace. A msgpack frame's large payload stays where it is
/// (<see cref="OutgoingFrame.Tail"/>); only its head is copied.
/// </summary>
internal sealed class NextEnvelope
{
    private readonly byte[] _prefix;
    private readonly bool _json;

    public NextEnvelope(EnvelopeFormat format, string id, string path)
    {
        _json = format == EnvelopeFormat.Json;
        _prefix = _json ? JsonPrefix(id, path) : MsgpackPrefix(id, path);
    }

    public OutgoingFrame Wrap(OutgoingFrame frame, ResumePoint resume)
    {
        if (_json && !frame.Tail.IsEmpty)
        {
            throw new ArgumentException("A JSON frame is never split.", nameof(frame));
        }

        var data = new byte[_prefix.Length + frame.Data.Length + (_json ? 1 : 0)];
        _prefix.CopyTo(data, 0);
        frame.Data.Span.CopyTo(data.AsSpan(_prefix.Length));
        if (_json)
        {
            data[^1] = (byte)'}';
        }

        return frame with { Data = data, Resume = resume };
    }

    private static byte[] JsonPrefix(string id, string path) =>
        Encoding.UTF8.GetBytes($"{{\"type\":\"next\",\"id\":{JsonSerializer.Serialize(id)},\"path\":{JsonSerializer.Serialize(path)},\"metadata\":");

    private static byte[] MsgpackPrefix(string id, string path)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        var writer = new MessagePackWriter(buffer);
        writer.WriteMapHeader(4);
        writer.Write("type");
        writer.Write("next");
        writer.Write("id");
        writer.Write(id);
        writer.Write("path");
        writer.Write(path);
        writer.Write("metadata");
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }
}

/// <summary>One subscription's view of the socket's shared queue: its frames go in wrapped as <c>next</c>.</summary>
internal sealed class TaggedFrameSink(SendQueue shared, NextEnvelope envelope, ResumePoint resume) : IFrameSink
{
    public long CapacityBytes => shared.CapacityBytes;

    public long QueuedBytes => shared.QueuedBytes;

    public bool TryEnqueue(OutgoingFrame frame) => shared.TryEnqueue(envelope.Wrap(frame, resume));

    public ValueTask EnqueueWhenAtMostAsync(OutgoingFrame frame, long thresholdBytes, CancellationToken ct) =>
        shared.EnqueueWhenAtMostAsync(envelope.Wrap(frame, resume), thresholdBytes, ct);
}
