using MediatR;
using Tiled.Domain.Nodes;

namespace Tiled.Application.Arrays.WriteArray;

/// <summary>
/// Overwrites a whole array (<paramref name="Block"/> null) or one chunk with raw C-order bytes in
/// the array's dtype. <paramref name="Persist"/> false streams the data without storing it.
/// </summary>
public sealed record WriteArrayCommand(NodePath Path, long[]? Block, bool Persist, string MediaType, ReadOnlyMemory<byte> Payload)
    : IRequest<WriteArrayResult>;
