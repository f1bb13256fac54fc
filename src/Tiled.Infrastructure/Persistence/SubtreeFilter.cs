using System.Linq.Expressions;
using Tiled.Domain.Nodes;
using Tiled.Infrastructure.Persistence.Rows;

namespace Tiled.Infrastructure.Persistence;

/// <summary>
/// Selects a node and its descendants: path = p, or p + "/" &lt;= path &lt; p + "0" ('0' is the
/// byte after '/'). A byte-order range, not LIKE: keys may hold '%' and '_' without escaping,
/// it is case-sensitive on SQLite (where LIKE is not), and it can use the unique index on path.
/// </summary>
internal static class SubtreeFilter
{
    public static Expression<Func<NodeRow, bool>> Of(NodePath path)
    {
        if (path.IsRoot)
        {
            return n => true;
        }

        var self = path.ToString();
        var first = self + "/";
        var end = self + "0";
        return n => n.Path == self || (string.Compare(n.Path, first) >= 0 && string.Compare(n.Path, end) < 0);
    }
}
