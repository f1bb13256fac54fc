namespace Tiled.Formats.Arrow;

/// <summary>The columns a text writer outputs: all of them, or the named ones in the order asked.</summary>
internal static class ColumnSelection
{
    public static int[] Resolve(ArrowSchema schema, IReadOnlyList<string>? names)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (names is null)
        {
            return Enumerable.Range(0, schema.Fields.Count).ToArray();
        }

        return names.Select(name => schema.IndexOf(name) is var index and >= 0
            ? index
            : throw new ArgumentException($"No such field {name}.", nameof(names))).ToArray();
    }

    public static void CheckBatches(ArrowSchema schema, IReadOnlyList<RecordBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        foreach (var batch in batches)
        {
            schema.CheckBatch(batch);
        }
    }
}
