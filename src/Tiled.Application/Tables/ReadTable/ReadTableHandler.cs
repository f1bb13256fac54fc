using MediatR;
using Tiled.Application.Abstractions;
using Tiled.Application.Common.Errors;
using Tiled.Domain.Tables;
using Tiled.Formats.Arrow;

namespace Tiled.Application.Tables.ReadTable;

internal sealed class ReadTableHandler(INodeCatalog catalog, ITableStore tables) : IRequestHandler<ReadTableQuery, TableData>
{
    public async Task<TableData> Handle(ReadTableQuery request, CancellationToken cancellationToken)
    {
        var target = await TableTarget.LoadAsync(catalog, request.Path, "table read", cancellationToken);
        var structure = target.Structure;
        int[] partitions = request.Partition is { } one
            ? [structure.RequirePartition(one)]
            : Enumerable.Range(0, structure.PartitionCount).ToArray();
        var parts = new List<ArrowTable>(partitions.Length);
        foreach (var partition in partitions)
        {
            parts.Add(await tables.ReadPartitionAsync(target.DataUri, partition, structure, cancellationToken));
        }

        var (schema, batches) = Concatenate(parts, structure.Schema);
        if (request.Columns is not { Count: > 0 } names)
        {
            return new TableData(schema, batches);
        }

        var indices = names.Select(name => schema.IndexOf(name) is var index and >= 0
            ? index
            : throw new InvalidRequestException($"No such field {name}.")).ToArray();
        return new TableData(schema.Select(indices), [.. batches.Select(b => b.Select(indices))]);
    }

    /// <summary>
    /// Partitions that share one schema are concatenated as they are (index column and metadata
    /// included); otherwise each is narrowed to the table's own columns.
    /// </summary>
    private static (ArrowSchema Schema, IReadOnlyList<RecordBatch> Batches) Concatenate(IReadOnlyList<ArrowTable> parts, ArrowSchema tableSchema)
    {
        if (parts.All(p => p.Schema.Equals(parts[0].Schema)))
        {
            return (parts[0].Schema, [.. parts.SelectMany(p => p.Batches)]);
        }

        var batches = new List<RecordBatch>();
        foreach (var part in parts)
        {
            var indices = TableSchemas.Match(tableSchema, part.Schema, "the table's schema");
            batches.AddRange(part.Batches.Select(b => b.Select(indices)));
        }

        return (tableSchema, batches);
    }
}
