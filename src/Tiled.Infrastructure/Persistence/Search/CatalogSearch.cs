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

    /// <summary>How many children match, and the catalog ids of the page's children in the search's order.</summary>
    public static async Task<(List<long> Ids, long Count)> PageIdsAsync(TiledDbContext db, NodePath parent, ChildSearch search,
        ChildPage page, CancellationToken ct)
    {
        var dialect = SearchDialect.For(db.IsPostgres);
        var countParameters = new SqlParameters();
        var count = Convert.ToInt64(await ScalarAsync(db,
            $"SELECT count(*) FROM nodes n WHERE {dialect.Where(parent.ToString(), search.Filters, countParameters)}", countParameters, ct));
        if (page.Limit == 0 || (page.Cursor is null && page.Offset >= count))
        {
            return ([], count);
        }

        var p = new SqlParameters();
        var where = dialect.Where(parent.ToString(), search.Filters, p);
        if (page.Cursor is { } cursor)
        {
            where += $" AND n.id {(search.DefaultDescending ? "<" : ">")} {p.Add(cursor)}";
        }

        var sql = $"SELECT n.id FROM nodes n WHERE {where} ORDER BY {dialect.OrderBy(search.Sort, p)} LIMIT {p.Add((long)page.Limit)} "
            + $"OFFSET {p.Add(page.Cursor is null ? page.Offset : 0L)}";
        var ids = new List<long>(page.Limit);
        await ReadAsync(db, sql, p, r => ids.Add(r.GetInt64(0)), ct);
        return (ids, count);
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
        await ReadAsync(db, sql, p, r => groups.Add((r.GetString(0), r.GetInt64(1))), ct);
        return groups
            .Select(g => (Value: json ? JsonNode.Parse(g.Text) : JsonValue.Create(g.Text), g.Count))
            .Select(g => (g.Value, g.Count, Text: g.Value?.ToJsonString() ?? "null"))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Text, StringComparer.Ordinal)
            .Select(g => new DistinctValue(g.Value, counts ? g.Count : null))
            .ToList();
    }

    private static async Task<object?> ScalarAsync(TiledDbContext db, string sql, SqlParameters p, CancellationToken ct)
    {
        object? result = null;
        await ReadAsync(db, sql, p, r => result = r.GetValue(0), ct);
        return result;
    }

    private static async Task ReadAsync(TiledDbContext db, string sql, SqlParameters p, Action<DbDataReader> row, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            p.BindTo(command);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                row(reader);
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
