using MediatR;
using Tiled.Domain.Nodes;

namespace Tiled.Application.Nodes.GetNode;

/// <summary>Reads one node (404 if missing).</summary>
public sealed record GetNodeQuery(NodePath Path) : IRequest<NodeView>;
