using Tiled.Domain.Common;
using Tiled.Domain.Nodes;

namespace Tiled.Application.Common.Errors;

/// <summary>
/// No node at <see cref="Path"/> (HTTP 404). The message is Tiled's detail, e.g.
/// <c>No such entry: ['a', 'b']</c>.
/// </summary>
public sealed class NodeNotFoundException : DomainException
{
    public NodeNotFoundException(NodePath path)
        : base("not-found", $"No such entry: [{string.Join(", ", path.Segments.Select(PythonRepr))}]") => Path = path;

    /// <summary>For a node that was addressed by catalog id and has gone (e.g. deleted meanwhile).</summary>
    public NodeNotFoundException(long nodeId)
        : base("not-found", $"No such entry: node {nodeId}") => Path = null;

    /// <summary>The missing path; null when the node was addressed by id.</summary>
    public NodePath? Path { get; }

    // Tiled formats the path as a Python list of str, so quote each key the way repr() does.
    private static string PythonRepr(string key)
    {
        var quote = key.Contains('\'') && !key.Contains('"') ? '"' : '\'';
        var escaped = key.Replace("\\", "\\\\", StringComparison.Ordinal);
        if (quote == '\'')
        {
            escaped = escaped.Replace("'", "\\'", StringComparison.Ordinal);
        }

        return $"{quote}{escaped}{quote}";
    }
}
