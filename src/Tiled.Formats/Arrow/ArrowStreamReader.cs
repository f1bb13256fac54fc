using Tiled.Formats.Arrow.Ipc;

namespace Tiled.Formats.Arrow;

/// <summary>
/// Reads the Arrow IPC stream format: a schema message, then record batch messages until the
/// end-of-stream marker or the end of the input (bytes after the marker are ignored). Columns
/// reference the input (zero-copy). Corrupt input throws <see cref="ArrowFormatException"/>;
/// valid Arrow this codec does not handle throws <see cref="ArrowNotSupportedException"/>.
/// </summary>
public static class ArrowStreamReader
{
    public static ArrowTable Read(ReadOnlyMemory<byte> data)
    {
        var span = data.Span;
        if (!MessageCodec.TryReadFrame(span, 0, out var frame))
        {
            throw new ArrowFormatException("The stream is empty: it has no schema message.");
        }

        var schema = SchemaCodec.Decode(MessageCodec.Header(span, frame, MessageCodec.SchemaHeader, "schema"));
        var batches = new List<RecordBatch>();
        for (var position = Body(data, frame).End; MessageCodec.TryReadFrame(span, position, out frame); position = Body(data, frame).End)
        {
            var header = MessageCodec.Header(span, frame, MessageCodec.RecordBatchHeader, "record batch");
            batches.Add(RecordBatchCodec.Decode(header, schema, Body(data, frame).Memory));
        }

        return new ArrowTable(schema, batches);
    }

    /// <summary>Reads the rest of <paramref name="stream"/> into memory, then as <see cref="Read"/>.</summary>
    public static async Task<ArrowTable> ReadAsync(Stream stream, CancellationToken ct = default) =>
        Read(await IpcOutput.ReadAllAsync(stream, ct).ConfigureAwait(false));

    private static (ReadOnlyMemory<byte> Memory, long End) Body(ReadOnlyMemory<byte> data, MessageFrame frame)
    {
        if (frame.BodyLength > data.Length - frame.BodyStart)
        {
            throw new ArrowFormatException($"The input is truncated: a message body of {frame.BodyLength} bytes at byte {frame.BodyStart} runs past its end.");
        }

        return (data.Slice((int)frame.BodyStart, (int)frame.BodyLength), frame.End);
    }
}
