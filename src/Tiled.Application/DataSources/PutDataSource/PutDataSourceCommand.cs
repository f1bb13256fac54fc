using MediatR;
using Tiled.Domain.DataSources;
using Tiled.Domain.Nodes;

namespace Tiled.Application.DataSources.PutDataSource;

/// <summary>
/// Replaces the data source <c>Source.Id</c> of a node (new assets, new structure) and announces it
/// with <c>array-ref</c>; <paramref name="PatchOffset"/>/<paramref name="PatchShape"/> (both or
/// neither) name the region that changed.
/// </summary>
public sealed record PutDataSourceCommand(NodePath Path, DataSource Source, long[]? PatchOffset, long[]? PatchShape)
    : IRequest<PutDataSourceResult>;
