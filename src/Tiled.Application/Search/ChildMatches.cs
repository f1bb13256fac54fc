using Tiled.Application.Nodes;

namespace Tiled.Application.Search;

/// <summary>
/// The children a search matched: how many (<see cref="Count"/>, known before anything is sent) and
/// the requested page's nodes in order (a container with its number of children), read from the catalog in small batches only as they are
/// enumerated (once). The page may end early at <c>max_page_bytes</c>, always after at least one child.
/// </summary>
public sealed record ChildMatches(long Count, IAsyncEnumerable<IReadOnlyList<NodeView>> Batches)
{
    /// <summary>A count without nodes (an empty page, or one beyond the last match).</summary>
    public static ChildMatches CountOnly(long count) => new(count, AsyncEnumerable.Empty<IReadOnlyList<NodeView>>());
}
