using Tiled.Formats.Arrow.Ipc;

namespace Tiled.Formats.Arrow;

/// <summary>
/// Writes the Arrow IPC stream format (<c>application/vnd.apache.arrow.stream</c>): the schema
/// message, one message per record batch, and the end-of-stream marker. Messages use metadata V5,
/// little-endian data and bodies whose buffers are padded to 8 bytes; no compression, no
/// dictionaries. Each batch is checked with <see cref="ArrowSchema.CheckBatch"/> just before it is
/// written, so a mismatch throws <see cref="ArgumentException"/> after earlier batches went out.
/// </summary>
public static class ArrowStreamWriter
{
    public static byte[] Write(ArrowSchema schema, IEnumerable<RecordBatch> batches) => IpcOutput.ToArray(Segments(schema, batches));

    public static void Write(Stream stream, ArrowSchema schema, IEnumerable<RecordBatch> batches) =>
        IpcOutput.Write(stream, Segments(schema, batches));

    public static Task WriteAsync(Stream stream, ArrowSchema schema, IEnumerable<RecordBatch> batches, CancellationToken ct = default) =>
        IpcOutput.WriteAsync(stream, Segments(schema, batches), ct);

    private static IEnumerable<ReadOnlyMemory<byte>> Segments(ArrowSchema schema, IEnumerable<RecordBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(batches);
        return Iterate();

        IEnumerable<ReadOnlyMemory<byte>> Iterate()
        {
            yield return ArrowSchemaMessage.Encode(schema);
            foreach (var batch in batches)
            {
                schema.CheckBatch(batch);
                foreach (var segment in RecordBatchCodec.Encode(batch).Segments())
                {
                    yield return segment;
                }
            }

            yield return MessageCodec.EndOfStream;
        }
    }
}
