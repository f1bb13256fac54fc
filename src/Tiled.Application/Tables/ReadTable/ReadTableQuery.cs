using MediatR;
using Tiled.Domain.Nodes;

namespace Tiled.Application.Tables.ReadTable;

/// <summary>
/// Reads one partition of a table, or all of them concatenated (<paramref name="Partition"/> null),
/// optionally only the named <paramref name="Columns"/> in that order (null or empty: all).
/// </summary>
public sealed record ReadTableQuery(NodePath Path, long? Partition, IReadOnlyList<string>? Columns) : IRequest<TableData>;
