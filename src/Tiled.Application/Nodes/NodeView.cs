using Tiled.Domain.Nodes;

namespace Tiled.Application.Nodes;

/// <summary>A node as read models need it: the node plus, for containers, how many children it has.</summary>
public sealed record NodeView(Node Node, long? ChildCount);
