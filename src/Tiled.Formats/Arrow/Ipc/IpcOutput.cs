using System.Runtime.InteropServices;
using ApacheIpc = Apache.Arrow.Ipc;

namespace Tiled.Formats.Arrow.Ipc;

/// <summary>
/// Writes IPC streams and files with Apache.Arrow: metadata V5, little-endian, uncompressed bodies.
/// Each batch is checked with <see cref="ArrowSchema.CheckBatch"/> just before it is written.
/// </summary>
internal static class IpcOutput
{
    public static byte[] ToArray(ArrowSchema schema, IEnumerable<RecordBatch> batches, bool file)
    {
        var memory = ToMemory(schema, batches, file);
        return MemoryMarshal.TryGetArray(memory, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : memory.ToArray();
    }

    /// <summary>The encoded bytes in the buffer they were written to (no final copy).</summary>
    public static ReadOnlyMemory<byte> ToMemory(ArrowSchema schema, IEnumerable<RecordBatch> batches, bool file)
    {
        var list = batches as IReadOnlyCollection<RecordBatch> ?? [.. batches];
        using var buffer = new MemoryStream(EstimatedLength(schema, list));
        Write(buffer, schema, list, file);
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    // Sized up front so the buffer is not regrown (and copied) several times for a large table.
    private static int EstimatedLength(ArrowSchema schema, IEnumerable<RecordBatch> batches)
    {
        var estimate = 4096L + (512L * schema.Fields.Count);
        foreach (var batch in batches)
        {
            estimate += 512 + batch.Columns.Sum(EstimatedLength);
        }

        return (int)Math.Min(estimate, Array.MaxLength);
    }

    private static long EstimatedLength(ArrowColumn column) =>
        64 + column.Validity.Length + column.Offsets.Length + column.Values.Length
        + column.Children.Sum(EstimatedLength) + (column.Dictionary is { } dictionary ? EstimatedLength(dictionary) : 0);

    public static void Write(Stream stream, ArrowSchema schema, IEnumerable<RecordBatch> batches, bool file)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(batches);
        var apacheSchema = ApacheSchemas.ToApache(schema);
        using var writer = Writer(stream, apacheSchema, file);
        writer.WriteStart();
        foreach (var batch in batches)
        {
            schema.CheckBatch(batch);
            writer.WriteRecordBatch(ApacheColumns.ToApache(apacheSchema, batch));
        }

        writer.WriteEnd();
    }

    public static async Task WriteAsync(Stream stream, ArrowSchema schema, IEnumerable<RecordBatch> batches, bool file, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(batches);
        var apacheSchema = ApacheSchemas.ToApache(schema);
        using var writer = Writer(stream, apacheSchema, file);
        await writer.WriteStartAsync(ct).ConfigureAwait(false);
        foreach (var batch in batches)
        {
            schema.CheckBatch(batch);
            await writer.WriteRecordBatchAsync(ApacheColumns.ToApache(apacheSchema, batch), ct).ConfigureAwait(false);
        }

        await writer.WriteEndAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The schema message alone, as pyarrow's <c>Schema.serialize()</c> writes it.</summary>
    public static byte[] SchemaMessage(ArrowSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        using var buffer = new MemoryStream();
        using (var writer = Writer(buffer, ApacheSchemas.ToApache(schema), file: false))
        {
            writer.WriteStart();
        }

        return buffer.ToArray();
    }

    private static ApacheIpc.ArrowStreamWriter Writer(Stream stream, Apache.Arrow.Schema schema, bool file) => file
        ? new ApacheIpc.ArrowFileWriter(stream, schema, leaveOpen: true)
        : new ApacheIpc.ArrowStreamWriter(stream, schema, leaveOpen: true);
}
