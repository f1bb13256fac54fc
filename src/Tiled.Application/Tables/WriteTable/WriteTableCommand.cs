using MediatR;
using Tiled.Domain.Nodes;
using Tiled.Application.Abstractions;

namespace Tiled.Application.Tables.WriteTable;

/// <summary>
/// Replaces a whole one-partition table (<c>PUT /table/full</c>, Python's <c>write</c>) with Arrow
/// IPC file or stream bytes; tables of several partitions are written partition by partition.
/// </summary>
public sealed record WriteTableCommand(NodePath Path, string MediaType, StreamPayload Payload) : IRequest<TableWriteResult>;
