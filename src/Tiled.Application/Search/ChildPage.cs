namespace Tiled.Application.Search;

/// <summary>
/// Which slice of the sorted matches to return: <see cref="Limit"/> items after skipping
/// <see cref="Offset"/>, or, when <see cref="Cursor"/> is set (default order only), after the child
/// with that catalog id.
/// </summary>
public sealed record ChildPage(long Offset, int Limit, long? Cursor = null);
