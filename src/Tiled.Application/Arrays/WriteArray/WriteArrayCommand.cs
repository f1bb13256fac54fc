using MediatR;
using Tiled.Domain.Nodes;
using Tiled.Application.Abstractions;

namespace Tiled.Application.Arrays.WriteArray;

/// <summary>
/// Overwrites a whole array (<paramref name="Block"/> null) or one chunk with raw C-order bytes in
/// the array's dtype. <paramref name="Persist"/> false streams the data without storing it.
/// </summary>
public sealed record WriteArrayCommand(NodePath Path, long[]? Block, bool Persist, string MediaType, StreamPayload Payload)
    : IRequest<WriteArrayResult>;
