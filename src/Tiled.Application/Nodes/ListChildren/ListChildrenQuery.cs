using MediatR;
using Tiled.Domain.Nodes;

namespace Tiled.Application.Nodes.ListChildren;

/// <summary>One page of a container's children in insertion order, with the total count.</summary>
public sealed record ListChildrenQuery(NodePath Path, long Offset, int Limit) : IRequest<ChildrenPage>
{
    public const int MaxLimit = 300;
}
