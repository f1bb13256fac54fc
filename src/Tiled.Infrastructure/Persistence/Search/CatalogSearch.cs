using System.Data.Common;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tiled.Application.Common.Errors;
using Tiled.Application.Search;
using Tiled.Domain.Nodes;

namespace Tiled.Infrastructure.Persistence.Search;

/// <summary>
/// Runs searches and distinct-value reports as hand-written SQL (<see cref="SearchDialect"/>): the
/// count and the page's ids in the database (the nodes themselves are read afterwards, in batches).
/// </summary>
internal static class CatalogSearch
{
    // PostgreSQL: invalid_regular_expression.
    private const string InvalidRegex = "2201B";

    /// <summary>
    /// How many children match, and the page's children in the search's order as catalog id and
    /// stored size (<see cref="SearchDialect.StoredSize"/>), in one round trip: the count and the
    /// page are two statements of one command.
    /// </summary>
    public static async Task<(List<PageRow> Rows, long Count)> PageAsync(TiledDbContext db, NodePath parent, ChildSearch search,
        ChildPage page, CancellationToken ct)
    {
        var dialect = SearchDialect.For(db.IsPostgres);
        var p = new SqlParameters();
        var where = dialect.Where(parent.ToString(), search.Filters, p);
        var sql = $"SELECT count(*) FROM nodes n WHERE {where};";
        if (page.Limit > 0)
        {
            if (page.Cursor is { } cursor)
            {
                where += $" AND n.id {(search.DefaultDescending ? "<" : ">")} {p.Add(cursor)}";
            }

            sql += $" SELECT n.id, {dialect.StoredSize} FROM nodes n WHERE {where} ORDER BY {dialect.OrderBy(search.Sort, p)} "
                + $"LIMIT {p.Add((long)page.Limit)} OFFSET {p.Add(page.Cursor is null ? page.Offset : 0L)};";
        }

        var count = 0L;
        var rows = new List<PageRow>(page.Limit);
        await ReadAsync(db, sql, p, ct, r => count = r.GetInt64(0), r => rows.Add(new PageRow(r.GetInt64(0), r.GetInt64(1))));
        return (rows, count);
    }

    public static async Task<DistinctValues> DistinctAsync(TiledDbContext db, NodePath parent, IReadOnlyList<SearchFilter> filters,
        DistinctRequest request, CancellationToken ct)
    {
        var dialect = SearchDialect.For(db.IsPostgres);
        Dictionary<string, IReadOnlyList<DistinctValue>>? metadata = null;
        if (request.Metadata.Count > 0)
        {
            metadata = new Dictionary<string, IReadOnlyList<DistinctValue>>(StringComparer.Ordinal);
            foreach (var key in request.Metadata)
            {
                var p = new SqlParameters();
                var where = dialect.Where(parent.ToString(), filters, p);
                metadata[key.Dotted] = await GroupsAsync(db, dialect.DistinctMetadata(where, key, p), p, json: true, request.Counts, ct);
            }
        }

        return new DistinctValues(
            metadata,
            request.StructureFamilies ? await ColumnAsync("structure_family", json: false) : null,
            request.Specs ? await ColumnAsync("specs", json: true) : null);

        async Task<IReadOnlyList<DistinctValue>> ColumnAsync(string column, bool json)
        {
            var p = new SqlParameters();
            var where = dialect.Where(parent.ToString(), filters, p);
            var sql = json
                ? dialect.DistinctJsonColumn(where, column)
                : $"SELECT n.{column}, count(*) FROM nodes n WHERE {where} GROUP BY 1";
            return await GroupsAsync(db, sql, p, json, request.Counts, ct);
        }
    }

    /// <summary>Reads (value, count) rows; most frequent first, ties by the value's JSON text.</summary>
    private static async Task<IReadOnlyList<DistinctValue>> GroupsAsync(TiledDbContext db, string sql, SqlParameters p, bool json, bool counts,
        CancellationToken ct)
    {
        var groups = new List<(string Text, long Count)>();
        await ReadAsync(db, sql, p, ct, r => groups.Add((r.GetString(0), r.GetInt64(1))));
        return groups
            .Select(g => (Value: json ? JsonNode.Parse(g.Text) : JsonValue.Create(g.Text), g.Count))
            .Select(g => (g.Value, g.Count, Text: g.Value?.ToJsonString() ?? "null"))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Text, StringComparer.Ordinal)
            .Select(g => new DistinctValue(g.Value, counts ? g.Count : null))
            .ToList();
    }

    /// <summary>Runs <paramref name="sql"/>, handing each row of its n-th result set to <paramref name="rows"/>[n].</summary>
    public static async Task ReadAsync(TiledDbContext db, string sql, SqlParameters p, CancellationToken ct, params Action<DbDataReader>[] rows)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            p.BindTo(command);
            await using var reader = await command.ExecuteReaderAsync(ct);
            for (var set = 0; set < rows.Length; set++)
            {
                if (set > 0 && !await reader.NextResultAsync(ct))
                {
                    break;
                }

                while (await reader.ReadAsync(ct))
                {
                    rows[set](reader);
                }
            }
        }
        catch (PostgresException ex) when (ex.SqlState == InvalidRegex)
        {
            throw new InvalidRequestException($"PostgreSQL cannot use this regular expression: {ex.MessageText}");
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
