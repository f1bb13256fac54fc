using System.Text.Json.Nodes;
using Tiled.Domain.Arrays;
using Tiled.Formats.Arrow;

namespace Tiled.Domain.Tables;

/// <summary>
/// Structure of a table node (protocol §4.2): its Arrow schema, number of partitions, column names
/// and whether it may grow. <see cref="ArrowSchemaUri"/> is the client's <c>arrow_schema</c> data
/// URI kept verbatim (pandas metadata included); <see cref="Schema"/> is what it decodes to.
/// Instances made by <see cref="Create"/> or <see cref="FromJson"/> are validated: at least one
/// partition, column names equal to the schema's field names, none starting with '_'.
/// </summary>
public sealed class TableStructure
{
    /// <summary>Most partitions a table may declare (each one is a file; full reads visit all of them).</summary>
    public const int MaxPartitions = 100_000;

    private TableStructure(string arrowSchemaUri, ArrowSchema schema, int partitionCount, IReadOnlyList<string> columns, bool resizable)
    {
        ArrowSchemaUri = arrowSchemaUri;
        Schema = schema;
        PartitionCount = partitionCount;
        Columns = columns;
        Resizable = resizable;
    }

    /// <summary>The <c>arrow_schema</c> data URI exactly as the client sent it.</summary>
    public string ArrowSchemaUri { get; }

    public ArrowSchema Schema { get; }

    /// <summary>Tiled's <c>npartitions</c>.</summary>
    public int PartitionCount { get; }

    public IReadOnlyList<string> Columns { get; }

    public bool Resizable { get; }

    /// <summary>A validated structure for <paramref name="schema"/>; throws <see cref="InvalidStructureException"/>.</summary>
    public static TableStructure Create(ArrowSchema schema, int partitionCount = 1, bool resizable = false)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return Validated(ArrowSchemaMessage.ToDataUri(schema), schema, partitionCount, [.. schema.Fields.Select(f => f.Name)], resizable);
    }

    /// <summary>Parses and validates Tiled's structure JSON; throws <see cref="InvalidStructureException"/>.</summary>
    public static TableStructure FromJson(JsonNode? node) => TableStructureJson.FromJson(node);

    /// <summary>Tiled's structure JSON: <c>arrow_schema, npartitions, columns, resizable</c>.</summary>
    public JsonObject ToJson() => TableStructureJson.ToJson(this);

    /// <summary>Throws <see cref="PartitionOutOfRangeException"/> unless 0 ≤ <paramref name="partition"/> &lt; <see cref="PartitionCount"/>.</summary>
    public int RequirePartition(long partition) =>
        partition >= 0 && partition < PartitionCount ? (int)partition : throw new PartitionOutOfRangeException();

    internal static TableStructure Validated(string arrowSchemaUri, ArrowSchema schema, long partitionCount, IReadOnlyList<string> columns,
        bool resizable)
    {
        if (partitionCount is < 1 or > MaxPartitions)
        {
            throw new InvalidStructureException($"npartitions must be between 1 and {MaxPartitions}; got {partitionCount}.");
        }

        if (columns.FirstOrDefault(c => c.StartsWith('_')) is { } hidden)
        {
            throw new InvalidStructureException($"Column names must not start with '_': '{hidden}'.");
        }

        var names = schema.Fields.Select(f => f.Name).ToList();
        if (!names.SequenceEqual(columns, StringComparer.Ordinal))
        {
            throw new InvalidStructureException(
                $"columns [{string.Join(", ", columns)}] must equal the Arrow schema's field names [{string.Join(", ", names)}].");
        }

        return new TableStructure(arrowSchemaUri, schema, (int)partitionCount, [.. columns], resizable);
    }
}
