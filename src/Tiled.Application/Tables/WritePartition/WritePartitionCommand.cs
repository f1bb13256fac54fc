using MediatR;
using Tiled.Domain.Nodes;
using Tiled.Application.Abstractions;

namespace Tiled.Application.Tables.WritePartition;

/// <summary>Replaces partition <paramref name="Partition"/> of a table (<c>PUT /table/partition</c>, Python's <c>write_partition</c>).</summary>
public sealed record WritePartitionCommand(NodePath Path, long Partition, string MediaType, StreamPayload Payload)
    : IRequest<TableWriteResult>;
