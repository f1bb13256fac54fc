using Tiled.Formats.Arrow;

namespace Tiled.Application.Tables.ReadTable;

/// <summary>Rows of a table (or a partition of it) as Arrow record batches, with their schema.</summary>
public sealed record TableData(ArrowSchema Schema, IReadOnlyList<RecordBatch> Batches);
