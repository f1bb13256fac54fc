namespace Tiled.Application.Nodes.ListChildren;

/// <summary>
/// A page of children and the number of children that match. <see cref="Items"/> is read from the
/// catalog while it is enumerated (once), so a page is never held whole: its first batch is read by
/// the first step, so errors found there still come before anything is sent.
/// </summary>
public sealed record ChildrenPage(IAsyncEnumerable<NodeView> Items, long Count);
