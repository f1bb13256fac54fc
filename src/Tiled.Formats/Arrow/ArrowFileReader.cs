using Tiled.Formats.Arrow.Ipc;

namespace Tiled.Formats.Arrow;

/// <summary>
/// Reads the Arrow IPC file format through its footer: the schema and the record batches come
/// from the footer's schema and block list (the stream part of the file is not scanned, so files
/// without a leading schema message, as apache-arrow JS writes them, read too). Columns reference
/// the input (zero-copy). Corrupt input throws <see cref="ArrowFormatException"/>; valid Arrow
/// this codec does not handle throws <see cref="ArrowNotSupportedException"/>.
/// </summary>
public static class ArrowFileReader
{
    public static ArrowTable Read(ReadOnlyMemory<byte> data)
    {
        var span = data.Span;
        var (footerStart, footerLength) = FooterCodec.Locate(span);
        var (schema, blocks) = FooterCodec.Decode(span.Slice(footerStart, footerLength));
        var messages = span[..footerStart];
        var batches = new RecordBatch[blocks.Length];
        for (var i = 0; i < blocks.Length; i++)
        {
            var block = blocks[i];
            if (!block.FitsBefore(footerStart))
            {
                throw new ArrowFormatException($"Record batch {i} at [{block.Offset}, +{block.MetadataLength}+{block.BodyLength}) lies outside the file's data.");
            }

            var metadata = messages.Slice((int)block.Offset, block.MetadataLength);
            if (!MessageCodec.TryReadFrame(metadata, 0, out var frame))
            {
                throw new ArrowFormatException($"Record batch {i} at byte {block.Offset} is an end-of-stream marker.");
            }

            var header = MessageCodec.Header(metadata, frame, MessageCodec.RecordBatchHeader, "record batch");
            batches[i] = RecordBatchCodec.Decode(header, schema, data.Slice((int)block.Offset + block.MetadataLength, (int)block.BodyLength));
        }

        return new ArrowTable(schema, batches);
    }

    /// <summary>Only the schema, from the footer; the batches are not read.</summary>
    public static ArrowSchema ReadSchema(ReadOnlySpan<byte> data)
    {
        var (footerStart, footerLength) = FooterCodec.Locate(data);
        return FooterCodec.Decode(data.Slice(footerStart, footerLength)).Schema;
    }

    /// <summary>Reads the rest of <paramref name="stream"/> into memory, then as <see cref="Read"/>.</summary>
    public static async Task<ArrowTable> ReadAsync(Stream stream, CancellationToken ct = default) =>
        Read(await IpcOutput.ReadAllAsync(stream, ct).ConfigureAwait(false));
}
