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
        using var properties = new WriterPropertiesBuilder().Compression(Compression.Snappy).Build();
        using var arrowProperties = new ParquetArrow.ArrowWriterPropertiesBuilder().StoreSchema().Build();
        // Native buffers, not a .NET stream: a stream wrapper's callbacks reached from a native object
        // the finalizer releases late crashed the process (a NullReferenceException in a reverse P/Invoke).
        using var output = new ParquetSharp.IO.BufferOutputStream();
        using (var writer = new ParquetArrow.FileWriter(output, apacheSchema, properties, arrowProperties))
        {
            foreach (var batch in batches)
            {
                schema.CheckBatch(batch);
                writer.WriteRecordBatch(ApacheColumns.ToApache(apacheSchema, batch));
            }

            writer.Close();
        }

        using var written = output.Finish();
        return written.ToArray();
    }

    /// <summary>
    /// The most a Parquet input of <paramref name="inputLength"/> bytes may decode to: 16 times its
    /// size (real files compress numbers and text 2-10 times) plus 512 MiB, so a file whose runs and
    /// dictionaries stand for far more (a 318 KiB file can hold 800 MB of zeros) is refused.
    /// </summary>
    public static long ReadBudget(long inputLength) => (16 * inputLength) + IpcInput.DecompressionBudget;

    public static ArrowTable Read(ReadOnlyMemory<byte> data) => IpcInput.Translate(() =>
    {
        var budget = ReadBudget(data.Length);
        using var pinned = new PinnedBytes(data);
        using var buffer = new ParquetSharp.IO.Buffer(pinned.Address, data.Length);
        RequireDeclaredSizeWithin(buffer, budget);
        using var input = new ParquetSharp.IO.BufferReader(buffer);
        using var readerProperties = ReaderProperties.GetDefaultReaderProperties();
        using var arrowProperties = ParquetArrow.ArrowReaderProperties.GetDefault();
        using var reader = new ParquetArrow.FileReader(input, readerProperties, arrowProperties);
        var schema = ApacheSchemas.FromApache(reader.Schema);
        using var batches = reader.GetRecordBatchReader();
        var read = new List<RecordBatch>();
        long decoded = 0;
        while (batches.ReadNextRecordBatchAsync().AsTask().GetAwaiter().GetResult() is { } batch)
        {
            using (batch)
            {
                decoded += batch.Arrays.Sum(a => ApacheColumns.BufferBytes(a.Data));
                RequireWithin(decoded, budget);
                // The batch is in native memory, freed when it is released: the columns take copies.
                read.Add(ApacheColumns.FromApache(schema, batch));
            }
        }

        return new ArrowTable(schema, read);
    }, "Parquet");

    /// <summary>
    /// Refuses a file whose row groups, as its footer declares them, decode to more than
    /// <paramref name="budget"/> bytes (counting only each value's fixed part), before decoding
    /// anything: run-length encoding lets a few kilobytes stand for gigabytes of values.
    /// </summary>
    private static void RequireDeclaredSizeWithin(ParquetSharp.IO.Buffer data, long budget)
    {
        using var input = new ParquetSharp.IO.BufferReader(data);
        using var file = new ParquetFileReader(input);
        using var metadata = file.FileMetaData;
        long declared = 0;
        for (var g = 0; g < metadata.NumRowGroups; g++)
        {
            using var group = file.RowGroup(g);
            var groupMetadata = group.MetaData;
            for (var c = 0; c < groupMetadata.NumColumns; c++)
            {
                using var chunk = groupMetadata.GetColumnChunkMetaData(c);
                declared += chunk.NumValues * FixedBits(chunk.Type) / 8;
                RequireWithin(declared, budget);
            }
        }
    }

    // Bits each value takes at least once decoded (a variable-length value: its offset).
    private static long FixedBits(PhysicalType type) => type switch
    {
        PhysicalType.Boolean => 1,
        PhysicalType.FixedLenByteArray => 8,
        PhysicalType.Int32 or PhysicalType.Float or PhysicalType.ByteArray => 32,
        PhysicalType.Int96 => 96,
        _ => 64,
    };

    private static void RequireWithin(long bytes, long budget)
    {
        if (bytes > budget)
        {
            throw new ArrowFormatException(
                $"The Parquet input decodes to more than {budget} bytes, the limit for an input of its size; it is corrupt, or it decompresses beyond the limit.");
        }
    }

    /// <summary>The bytes of the input, pinned while native code reads them (copied first when they are not an array).</summary>
    private sealed class PinnedBytes : IDisposable
    {
        private readonly System.Runtime.InteropServices.GCHandle _handle;

        public PinnedBytes(ReadOnlyMemory<byte> data)
        {
            var segment = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(data, out var array) ? array : new ArraySegment<byte>(data.ToArray());
            _handle = System.Runtime.InteropServices.GCHandle.Alloc(segment.Array, System.Runtime.InteropServices.GCHandleType.Pinned);
            Address = _handle.AddrOfPinnedObject() + segment.Offset;
        }

        public IntPtr Address { get; }

        public void Dispose() => _handle.Free();
    }
}
