using Tiled.Domain.Common;
using Tiled.Domain.Nodes;

namespace Tiled.Application.Common.Errors;

/// <summary>
/// A node already exists at <see cref="Path"/> (HTTP 409). The message is Tiled's detail: the
/// node's path with a leading slash, e.g. <c>/x</c>.
/// </summary>
public sealed class NodeConflictException(NodePath path) : DomainException("conflict", "/" + path)
{
    public NodePath Path { get; } = path;
}
