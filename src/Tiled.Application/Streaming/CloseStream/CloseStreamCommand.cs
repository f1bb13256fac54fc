using MediatR;
using Tiled.Domain.Nodes;

namespace Tiled.Application.Streaming.CloseStream;

/// <summary>Appends an end-of-stream marker to a node's stream; subscribers close with 1000 once caught up.</summary>
public sealed record CloseStreamCommand(NodePath Path) : IRequest<CloseStreamResult>;
