namespace Tiled.Formats.Arrow;

/// <summary>
/// What a reader returns: the schema and the record batches in file or stream order (possibly
/// none). Deconstructs as <c>var (schema, batches) = ArrowFileReader.Read(bytes);</c>.
/// </summary>
public sealed class ArrowTable
{
    public ArrowTable(ArrowSchema schema, IReadOnlyList<RecordBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(batches);
        Schema = schema;
        Batches = batches;
    }

    public ArrowSchema Schema { get; }

    public IReadOnlyList<RecordBatch> Batches { get; }

    /// <summary>Total number of rows over all batches.</summary>
    public long RowCount => Batches.Sum(b => (long)b.Length);

    public void Deconstruct(out ArrowSchema schema, out IReadOnlyList<RecordBatch> batches)
    {
        schema = Schema;
        batches = Batches;
    }
}
