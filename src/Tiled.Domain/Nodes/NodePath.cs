namespace Tiled.Domain.Nodes;

/// <summary>
/// A node's position in the tree: its segments from the root. Empty segments are dropped, so
/// <c>"//x"</c> and <c>"/x"</c> name the same node (the Python client sends both).
/// </summary>
public sealed class NodePath : IEquatable<NodePath>
{
    public static NodePath Root { get; } = new([]);

    private NodePath(string[] segments) => Segments = segments;

    public IReadOnlyList<string> Segments { get; }

    public bool IsRoot => Segments.Count == 0;

    /// <summary>The last segment; empty for the root.</summary>
    public string Key => IsRoot ? "" : Segments[^1];

    public NodePath Parent => IsRoot ? this : new NodePath(Segments.Take(Segments.Count - 1).ToArray());

    public IReadOnlyList<string> Ancestors => Parent.Segments;

    public static NodePath Parse(string? path) =>
        new((path ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries));

    public NodePath Child(string key) => new([.. Segments, key]);

    /// <summary>The segments joined with '/', without leading slash; empty for the root.</summary>
    public override string ToString() => string.Join('/', Segments);

    public bool Equals(NodePath? other) => other is not null && Segments.SequenceEqual(other.Segments, StringComparer.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as NodePath);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());
}
