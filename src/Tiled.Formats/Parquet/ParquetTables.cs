using ParquetSharp;
using Tiled.Formats.Arrow;
using Tiled.Formats.Arrow.Ipc;
using ParquetArrow = ParquetSharp.Arrow;

namespace Tiled.Formats.Parquet;

/// <summary>
/// Tiled's <c>application/x-parquet</c> table format, through ParquetSharp (Apache Arrow's C++
/// Parquet reader and writer) on Apache.Arrow record batches. Written files are Snappy-compressed,
/// one row group per batch (read back as batches of up to 64 Ki rows), with the Arrow schema stored as pyarrow stores it, so dictionary
/// columns, time zones and schema metadata (pandas' included) read back as they were written.
/// As with pyarrow, seconds timestamps and time32[s] come back in milliseconds, date64 as date32,
/// and a list's item field is named "element" (Parquet's list layout).
/// Corrupt input throws <see cref="ArrowFormatException"/>; valid Parquet of a type we do not
/// handle throws <see cref="ArrowNotSupportedException"/>.
/// </summary>
public static class ParquetTables
{
    public const string MediaType = "application/x-parquet";

    public static byte[] Write(ArrowSchema schema, IEnumerable<RecordBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(batches);
        var apacheSchema = ApacheSchemas.ToApache(schema);
        using var buffer = new MemoryStream();
        using var properties = new WriterPropertiesBuilder().Compression(Compression.Snappy).Build();
        using var arrowProperties = new ParquetArrow.ArrowWriterPropertiesBuilder().StoreSchema().Build();
        using (var writer = new ParquetArrow.FileWriter(buffer, apacheSchema, properties, arrowProperties))
        {
            foreach (var batch in batches)
            {
                schema.CheckBatch(batch);
                writer.WriteRecordBatch(ApacheColumns.ToApache(apacheSchema, batch));
            }

            writer.Close();
        }

        return buffer.ToArray();
    }

    public static ArrowTable Read(ReadOnlyMemory<byte> data) => IpcInput.Translate(() =>
    {
        using var reader = new ParquetArrow.FileReader(IpcInput.AsStream(data));
        var schema = ApacheSchemas.FromApache(reader.Schema);
        using var batches = reader.GetRecordBatchReader();
        var read = new List<RecordBatch>();
        while (batches.ReadNextRecordBatchAsync().AsTask().GetAwaiter().GetResult() is { } batch)
        {
            read.Add(ApacheColumns.FromApache(schema, batch));
        }

        return new ArrowTable(schema, read);
    }, "Parquet");
}
