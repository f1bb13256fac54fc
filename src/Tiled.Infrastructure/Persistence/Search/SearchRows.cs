using System.Data.Common;
using Tiled.Domain.Nodes;
using Tiled.Infrastructure.Persistence.Rows;

namespace Tiled.Infrastructure.Persistence.Search;

/// <summary>
/// Reads a batch of a search page's nodes with their data sources and assets (two statements of one
/// command), then how many children its containers have, straight from the data reader: EF's query
/// with includes cost several times the database's own time for a page of 100 children.
/// </summary>
internal static class SearchRows
{
    private const string NodeColumns =
        "n.id, n.path, n.parent_path, n.key, n.structure_family, n.metadata, n.specs, n.time_created, n.time_updated, n.version";

    private const string SourceColumns =
        "d.id, d.node_id, d.structure_family, d.structure, d.mimetype, d.parameters, d.properties, d.management, "
        + "a.id, a.data_uri, a.is_directory, a.parameter, a.num, a.size";

    /// <summary>The nodes of a batch by id, and the numbers of children of its containers by path (none: missing).</summary>
    public sealed record Batch(Dictionary<long, NodeRow> Rows, Dictionary<string, long> ChildCounts);

    /// <summary>The nodes with these ids (any of them may be missing).</summary>
    public static async Task<Batch> ReadAsync(TiledDbContext db, IReadOnlyList<long> ids, CancellationToken ct)
    {
        var dialect = SearchDialect.For(db.IsPostgres);
        var p = new SqlParameters();
        var nodeIds = dialect.IdIn("n.id", ids, p);
        var sql = $"SELECT {NodeColumns} FROM nodes n WHERE {nodeIds}; "
            + $"SELECT {SourceColumns} FROM data_sources d LEFT JOIN assets a ON a.data_source_id = d.id "
            + $"WHERE {dialect.IdIn("d.node_id", ids, p)} ORDER BY d.node_id, d.id, a.id;";
        var rows = new Dictionary<long, NodeRow>(ids.Count);
        var childCounts = new Dictionary<string, long>(StringComparer.Ordinal);
        DataSourceRow? source = null;
        await CatalogSearch.ReadAsync(db, sql, p, ct, r => rows[r.GetInt64(0)] = Node(r), r =>
        {
            if (source?.Id != r.GetInt64(0))
            {
                source = Source(r);
                rows[source.NodeId].DataSources.Add(source);
            }

            if (!r.IsDBNull(8))
            {
                source.Assets.Add(Asset(r, source.Id));
            }
        });
        var containers = rows.Values.Where(r => r.StructureFamily == WireNames.Of(StructureFamily.Container)).Select(r => r.Path).ToList();
        if (containers.Count > 0)
        {
            // A second round trip with the paths bound: in the first, as a subquery, PostgreSQL planned
            // them as a scan of every node while the table's statistics were stale after a bulk insert.
            var q = new SqlParameters();
            await CatalogSearch.ReadAsync(db, $"SELECT c.parent_path, count(*) FROM nodes c WHERE {dialect.PathIn("c.parent_path", containers, q)} "
                + "GROUP BY c.parent_path", q, ct, r => childCounts[r.GetString(0)] = r.GetInt64(1));
        }

        return new Batch(rows, childCounts);
    }

    private static NodeRow Node(DbDataReader r) => new()
    {
        Id = r.GetInt64(0),
        Path = r.GetString(1),
        ParentPath = r.GetString(2),
        Key = r.GetString(3),
        StructureFamily = r.GetString(4),
        Metadata = r.GetString(5),
        Specs = r.GetString(6),
        TimeCreated = r.GetFieldValue<DateTimeOffset>(7),
        TimeUpdated = r.GetFieldValue<DateTimeOffset>(8),
        Version = r.GetInt64(9),
    };

    private static DataSourceRow Source(DbDataReader r) => new()
    {
        Id = r.GetInt64(0),
        NodeId = r.GetInt64(1),
        StructureFamily = r.GetString(2),
        Structure = r.IsDBNull(3) ? null : r.GetString(3),
        Mimetype = r.GetString(4),
        Parameters = r.GetString(5),
        Properties = r.GetString(6),
        Management = r.GetString(7),
    };

    private static AssetRow Asset(DbDataReader r, long sourceId) => new()
    {
        Id = r.GetInt64(8),
        DataSourceId = sourceId,
        DataUri = r.GetString(9),
        IsDirectory = r.GetBoolean(10),
        Parameter = r.IsDBNull(11) ? null : r.GetString(11),
        Num = r.IsDBNull(12) ? null : r.GetInt32(12),
        Size = r.IsDBNull(13) ? null : r.GetInt64(13),
    };
}
