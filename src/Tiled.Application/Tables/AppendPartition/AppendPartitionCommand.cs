using MediatR;
using Tiled.Domain.Nodes;
using Tiled.Application.Abstractions;

namespace Tiled.Application.Tables.AppendPartition;

/// <summary>
/// Appends rows to partition <paramref name="Partition"/> of a table (<c>PATCH /table/partition</c>,
/// Python's <c>append_partition</c>); the structure does not change.
/// </summary>
public sealed record AppendPartitionCommand(NodePath Path, long Partition, string MediaType, StreamPayload Payload)
    : IRequest<TableWriteResult>;
