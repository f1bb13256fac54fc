using Tiled.Formats.Arrow.Ipc;

namespace Tiled.Formats.Arrow;

/// <summary>
/// Writes the Arrow IPC file format (<c>application/vnd.apache.arrow.file</c>, what
/// <c>pyarrow.ipc.open_file</c> reads): "ARROW1" and padding, the schema message, one message per
/// record batch, the end-of-stream marker, then the footer (schema and the position of every
/// batch), its length and "ARROW1". Messages are as <see cref="ArrowStreamWriter"/> writes them.
/// Positions are counted by the writer, so the stream need not be seekable. Each batch is checked
/// with <see cref="ArrowSchema.CheckBatch"/> just before it is written.
/// </summary>
public static class ArrowFileWriter
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
            var schemaMessage = ArrowSchemaMessage.Encode(schema);
            yield return FooterCodec.Header;
            yield return schemaMessage;
            long position = FooterCodec.Header.Length + schemaMessage.Length;
            var blocks = new List<FileBlock>();
            foreach (var batch in batches)
            {
                schema.CheckBatch(batch);
                var message = RecordBatchCodec.Encode(batch);
                blocks.Add(new FileBlock(position, message.Metadata.Length, message.BodyLength));
                position += message.Length;
                foreach (var segment in message.Segments())
                {
                    yield return segment;
                }
            }

            yield return MessageCodec.EndOfStream;
            yield return FooterCodec.Encode(schema, blocks);
        }
    }
}
