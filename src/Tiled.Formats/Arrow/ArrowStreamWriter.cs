using Tiled.Formats.Arrow.Ipc;

namespace Tiled.Formats.Arrow;

/// <summary>
/// Writes the Arrow IPC stream format (<c>application/vnd.apache.arrow.stream</c>) with
/// Apache.Arrow: the schema message, dictionary and record batch messages, and the end-of-stream
/// marker; metadata V5, little-endian, uncompressed. Each batch is checked with
/// <see cref="ArrowSchema.CheckBatch"/> just before it is written, so a mismatch throws
/// <see cref="ArgumentException"/> after earlier batches went out.
/// </summary>
public static class ArrowStreamWriter
{
    public static byte[] Write(ArrowSchema schema, IEnumerable<RecordBatch> batches) => IpcOutput.ToArray(schema, batches, file: false);

    /// <summary>As <see cref="Write(ArrowSchema, IEnumerable{RecordBatch})"/>, without copying the bytes out of the buffer they were written to.</summary>
    public static ReadOnlyMemory<byte> WriteToMemory(ArrowSchema schema, IEnumerable<RecordBatch> batches) => IpcOutput.ToMemory(schema, batches, file: false);

    public static void Write(Stream stream, ArrowSchema schema, IEnumerable<RecordBatch> batches) =>
        IpcOutput.Write(stream, schema, batches, file: false);

    public static Task WriteAsync(Stream stream, ArrowSchema schema, IEnumerable<RecordBatch> batches, CancellationToken ct = default) =>
        IpcOutput.WriteAsync(stream, schema, batches, file: false, ct);
}
