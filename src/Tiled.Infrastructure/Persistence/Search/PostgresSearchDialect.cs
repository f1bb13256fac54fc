using System.Text.Json;
using System.Text.Json.Nodes;
using Tiled.Application.Search;

namespace Tiled.Infrastructure.Persistence.Search;

/// <summary>
/// PostgreSQL: metadata is <c>jsonb</c>. Equality also tests containment (<c>@&gt;</c>) so the GIN
/// index on metadata serves it; full text is <c>jsonb_to_tsvector</c> over string values, the
/// expression of the full-text GIN index (see <see cref="SearchSchema"/>). Keys are followed with
/// <c>-&gt;</c>, which never indexes into a list, as SQLite's paths do not.
/// </summary>
internal sealed class PostgresSearchDialect : SearchDialect
{
    public static PostgresSearchDialect Instance { get; } = new();

    /// <summary>Must be the indexed expression, word for word.</summary>
    public const string TextVector = "jsonb_to_tsvector('simple'::regconfig, n.metadata, '[\"string\"]'::jsonb)";

    /// <summary>The stored (possibly compressed) sizes: the text of large metadata may be several times longer.</summary>
    public override string StoredSize => "pg_column_size(n.metadata) + pg_column_size(n.specs)";

    public override string IdIn(string column, IReadOnlyList<long> ids, SqlParameters p) => $"{column} = ANY({p.Add(ids.ToArray())})";

    public override string PathIn(string column, IReadOnlyList<string> paths, SqlParameters p) => $"{column} = ANY({p.Add(paths.ToArray())})";

    protected override string NodeKeyOrder => "n.key COLLATE \"C\"";

    public override string DistinctMetadata(string where, MetadataKey key, SqlParameters p)
    {
        var x = Value(key, p);
        return $"SELECT s.v::text, s.c FROM (SELECT {x} AS v, count(*) AS c FROM nodes n WHERE {where} AND {x} IS NOT NULL GROUP BY 1) s";
    }

    public override string DistinctJsonColumn(string where, string column) =>
        $"SELECT s.v::text, s.c FROM (SELECT n.{column} AS v, count(*) AS c FROM nodes n WHERE {where} GROUP BY 1) s";

    protected override IEnumerable<string> MetadataOrder(MetadataKey key, SqlParameters p)
    {
        var x = Value(key, p);
        // Missing last (ascending), then by JSON type as jsonb orders them, then numbers by value
        // and strings byte-wise, as SQLite does. Casts sit in CASE: PostgreSQL may evaluate AND's
        // operands in any order.
        yield return $"{x} IS NULL";
        yield return $"CASE jsonb_typeof({x}) WHEN 'null' THEN 0 WHEN 'string' THEN 1 WHEN 'number' THEN 2 WHEN 'boolean' THEN 3 WHEN 'array' THEN 4 ELSE 5 END";
        yield return $"CASE WHEN jsonb_typeof({x}) = 'number' THEN ({x})::numeric END";
        yield return $"CASE WHEN jsonb_typeof({x}) = 'string' THEN {x} #>> '{{}}' END COLLATE \"C\"";
        yield return x;
    }

    protected override string Present(MetadataKey key, SqlParameters p) => $"{Value(key, p)} IS NOT NULL";

    protected override string Eq(MetadataKey key, JsonNode? value, SqlParameters p) =>
        $"n.metadata @> CAST({p.Add(JsonParameters.Nested(key, value))} AS jsonb) AND {Value(key, p)} = CAST({p.Add(JsonParameters.Text(value))} AS jsonb)";

    protected override string Comparison(ComparisonFilter filter, SqlParameters p)
    {
        var x = Value(filter.Key, p);
        var op = Operator(filter.Operator);
        return JsonParameters.Kind(filter.Value) switch
        {
            JsonValueKind.Number => $"jsonb_typeof({x}) = 'number' AND (CASE WHEN jsonb_typeof({x}) = 'number' THEN ({x})::numeric END) {op} CAST({p.Add(filter.Value.ToJsonString())} AS numeric)",
            JsonValueKind.String => $"jsonb_typeof({x}) = 'string' AND ({x} #>> '{{}}') COLLATE \"C\" {op} {p.Add(JsonParameters.String(filter.Value))}",
            _ => $"jsonb_typeof({x}) = 'boolean' AND {x} {op} CAST({p.Add(JsonParameters.Text(filter.Value))} AS jsonb)",
        };
    }

    protected override string Contains(MetadataKey key, JsonNode? value, SqlParameters p)
    {
        var x = Value(key, p);
        var element = $"jsonb_typeof({x}) = 'array' AND {x} @> CAST({p.Add(JsonParameters.Text(new JsonArray(value?.DeepClone())))} AS jsonb)";
        return JsonParameters.Kind(value) == JsonValueKind.String
            ? $"({element}) OR (jsonb_typeof({x}) = 'string' AND strpos({x} #>> '{{}}', {p.Add(JsonParameters.String(value!))}) > 0)"
            : element;
    }

    protected override string Like(MetadataKey key, string pattern, SqlParameters p)
    {
        var x = Value(key, p);
        return $"jsonb_typeof({x}) = 'string' AND ({x} #>> '{{}}') LIKE {p.Add(pattern)}";
    }

    protected override string Regex(RegexFilter filter, SqlParameters p)
    {
        var x = Value(filter.Key, p);
        return $"jsonb_typeof({x}) = 'string' AND ({x} #>> '{{}}') {(filter.CaseSensitive ? "~" : "~*")} {p.Add(filter.Pattern)}";
    }

    protected override string FullText(string text, SqlParameters p) =>
        $"{TextVector} @@ plainto_tsquery('simple'::regconfig, {p.Add(text)})";

    protected override string HasSpec(string name, SqlParameters p) =>
        $"n.specs @> CAST({p.Add(JsonParameters.Text(new JsonArray(new JsonObject { ["name"] = name })))} AS jsonb)";

    private static string Value(MetadataKey key, SqlParameters p) =>
        "(n.metadata" + string.Concat(key.Segments.Select(s => " -> " + p.Add(s))) + ")";
}
