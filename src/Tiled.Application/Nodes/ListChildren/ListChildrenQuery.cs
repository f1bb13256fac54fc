using MediatR;
using Tiled.Application.Search;
using Tiled.Domain.Nodes;

namespace Tiled.Application.Nodes.ListChildren;

/// <summary>
/// One page of a container's children matching <see cref="Search"/> (all of them, in insertion
/// order, when null), with the number that match.
/// </summary>
public sealed record ListChildrenQuery(NodePath Path, long Offset, int Limit, ChildSearch? Search = null, long? Cursor = null)
    : IRequest<ChildrenPage>
{
    public const int MaxLimit = 300;
}
