namespace Tiled.Application.Nodes.ListChildren;

/// <summary>A page of children and the total number of children.</summary>
public sealed record ChildrenPage(IReadOnlyList<NodeView> Items, long Count);
