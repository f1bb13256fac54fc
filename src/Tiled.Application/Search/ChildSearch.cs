namespace Tiled.Application.Search;

/// <summary>
/// Which children a listing holds and in what order: every filter must match (AND); the sort keys
/// apply in turn and ties are broken by insertion order (reversed when the last key is the default
/// order descending).
/// </summary>
public sealed record ChildSearch(IReadOnlyList<SearchFilter> Filters, IReadOnlyList<SortKey> Sort)
{
    public static ChildSearch Everything { get; } = new([], []);

    /// <summary>True when the order is insertion order, ascending or descending (page cursors work then).</summary>
    public bool HasDefaultOrder => Sort.All(s => s.Target == SortTarget.Default);

    /// <summary>True when the insertion order runs backwards.</summary>
    public bool DefaultDescending => Sort.Count > 0 && Sort[^1] is { Target: SortTarget.Default, Descending: true };
}
