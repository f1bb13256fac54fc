using Tiled.Domain.DataSources;
using Tiled.Domain.Nodes;

namespace Tiled.Application.Abstractions;

/// <summary>A node the catalog has just deleted, with what it owned, for the cleanup that follows.</summary>
public sealed record DeletedNode(long Id, NodePath Path, IReadOnlyList<DataSource> DataSources);
