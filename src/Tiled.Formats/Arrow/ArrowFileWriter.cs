using Tiled.Formats.Arrow.Ipc;

namespace Tiled.Formats.Arrow;

/// <summary>
/// Writes the Arrow IPC file format (<c>application/vnd.apache.arrow.file</c>, what
/// <c>pyarrow.ipc.open_file</c> reads) with Apache.Arrow: "ARROW1" and padding, the messages as
/// <see cref="ArrowStreamWriter"/> writes them, then the footer, its length and "ARROW1". Each batch
/// is checked with <see cref="ArrowSchema.CheckBatch"/> just before it is written.
/// </summary>
public static class ArrowFileWriter
{
    public static byte[] Write(ArrowSchema schema, IEnumerable<RecordBatch> batches) => IpcOutput.ToArray(schema, batches, file: true);

    /// <summary>As <see cref="Write(ArrowSchema, IEnumerable{RecordBatch})"/>, without copying the bytes out of the buffer they were written to.</summary>
    public static ReadOnlyMemory<byte> WriteToMemory(ArrowSchema schema, IEnumerable<RecordBatch> batches) => IpcOutput.ToMemory(schema, batches, file: true);

    public static void Write(Stream stream, ArrowSchema schema, IEnumerable<RecordBatch> batches) =>
        IpcOutput.Write(stream, schema, batches, file: true);

    public static Task WriteAsync(Stream stream, ArrowSchema schema, IEnumerable<RecordBatch> batches, CancellationToken ct = default) =>
        IpcOutput.WriteAsync(stream, schema, batches, file: true, ct);
}
