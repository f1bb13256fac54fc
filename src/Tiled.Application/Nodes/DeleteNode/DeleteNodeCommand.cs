using MediatR;
using Tiled.Domain.Nodes;

namespace Tiled.Application.Nodes.DeleteNode;

/// <summary>
/// Deletes a node; <paramref name="Recursive"/> allows non-empty containers, and
/// <paramref name="ExternalOnly"/> (Tiled's default) refuses to delete internally managed data.
/// </summary>
public sealed record DeleteNodeCommand(NodePath Path, bool Recursive, bool ExternalOnly) : IRequest<DeleteNodeResult>;
