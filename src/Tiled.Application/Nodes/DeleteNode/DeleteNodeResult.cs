namespace Tiled.Application.Nodes.DeleteNode;

/// <summary>How many data sources' storage was removed with the node.</summary>
public sealed record DeleteNodeResult(int StorageRemoved);
