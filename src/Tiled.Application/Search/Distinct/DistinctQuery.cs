using MediatR;
using Tiled.Domain.Nodes;

namespace Tiled.Application.Search.Distinct;

/// <summary>Distinct values among the children of the container at <see cref="Path"/> that match <see cref="Filters"/>.</summary>
public sealed record DistinctQuery(NodePath Path, IReadOnlyList<SearchFilter> Filters, DistinctRequest Request) : IRequest<DistinctValues>;
