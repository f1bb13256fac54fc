using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tiled.Application.Search;

namespace Tiled.Infrastructure.Persistence.Search;

/// <summary>
/// SQLite: metadata is JSON text read with <c>json_type</c> (the JSON type, NULL when missing) and
/// <c>json_extract</c> (the SQL value); full text is the FTS5 table <c>nodes_fts</c> kept by
/// triggers; regular expressions and deep equality of lists and objects are functions registered
/// on each connection (<see cref="SqliteFunctions"/>).
/// </summary>
internal sealed class SqliteSearchDialect : SearchDialect
{
    public static SqliteSearchDialect Instance { get; } = new();

    public override string StoredSize => "length(n.metadata) + length(n.specs)";

    public override string IdIn(string column, IReadOnlyList<long> ids, SqlParameters p) =>
        $"{column} IN (SELECT value FROM json_each({p.Add("[" + string.Join(',', ids.Select(id => id.ToString(CultureInfo.InvariantCulture))) + "]")}))";

    public override string PathIn(string column, IReadOnlyList<string> paths, SqlParameters p) =>
        $"{column} IN (SELECT value FROM json_each({p.Add(JsonSerializer.Serialize(paths))}))";

    protected override string NodeKeyOrder => "n.key";

    public override string DistinctMetadata(string where, MetadataKey key, SqlParameters p)
    {
        var path = p.Add(JsonParameters.SqlitePath(key));
        return $"SELECT n.metadata -> {path}, count(*) FROM nodes n WHERE {where} AND json_type(n.metadata, {path}) IS NOT NULL GROUP BY 1";
    }

    public override string DistinctJsonColumn(string where, string column) =>
        $"SELECT n.{column}, count(*) FROM nodes n WHERE {where} GROUP BY 1";

    protected override IEnumerable<string> MetadataOrder(MetadataKey key, SqlParameters p)
    {
        var (type, value) = Read(key, p);
        yield return $"{type} IS NULL";
        yield return $"CASE {type} WHEN 'null' THEN 0 WHEN 'text' THEN 1 WHEN 'integer' THEN 2 WHEN 'real' THEN 2 WHEN 'true' THEN 3 WHEN 'false' THEN 3 WHEN 'array' THEN 4 ELSE 5 END";
        yield return value;
    }

    protected override string Present(MetadataKey key, SqlParameters p) => $"{Read(key, p).Type} IS NOT NULL";

    protected override string Eq(MetadataKey key, JsonNode? value, SqlParameters p)
    {
        var (type, sqlValue) = Read(key, p);
        return Equal(type, sqlValue, value, p);
    }

    protected override string Comparison(ComparisonFilter filter, SqlParameters p)
    {
        var (type, value) = Read(filter.Key, p);
        var op = Operator(filter.Operator);
        return JsonParameters.Kind(filter.Value) switch
        {
            JsonValueKind.Number => $"{type} IN ('integer', 'real') AND {value} {op} {p.Add(JsonParameters.Number(filter.Value))}",
            JsonValueKind.String => $"{type} = 'text' AND {value} {op} {p.Add(JsonParameters.String(filter.Value))}",
            _ => $"{type} IN ('true', 'false') AND {value} {op} {p.Add(filter.Value.GetValue<bool>() ? 1 : 0)}",
        };
    }

    protected override string Contains(MetadataKey key, JsonNode? value, SqlParameters p)
    {
        var path = p.Add(JsonParameters.SqlitePath(key));
        var element = $"json_type(n.metadata, {path}) = 'array' AND EXISTS (SELECT 1 FROM json_each(n.metadata, {path}) e WHERE {Equal("e.type", "e.value", value, p)})";
        return JsonParameters.Kind(value) == JsonValueKind.String
            ? $"({element}) OR (json_type(n.metadata, {path}) = 'text' AND instr(json_extract(n.metadata, {path}), {p.Add(JsonParameters.String(value!))}) > 0)"
            : element;
    }

    protected override string Like(MetadataKey key, string pattern, SqlParameters p)
    {
        // GLOB, unlike SQLite's LIKE, is case-sensitive, as LIKE is in PostgreSQL.
        var (type, value) = Read(key, p);
        return $"{type} = 'text' AND {value} GLOB {p.Add(Glob(pattern))}";
    }

    protected override string Regex(RegexFilter filter, SqlParameters p)
    {
        var (type, value) = Read(filter.Key, p);
        return $"{type} = 'text' AND {SqliteFunctions.Regexp}({p.Add(filter.Pattern)}, {value}, {p.Add(filter.CaseSensitive ? 1 : 0)})";
    }

    protected override string FullText(string text, SqlParameters p) =>
        $"n.id IN (SELECT rowid FROM nodes_fts WHERE nodes_fts MATCH {p.Add(FtsQuery(text))})";

    protected override string HasSpec(string name, SqlParameters p) =>
        $"EXISTS (SELECT 1 FROM json_each(n.specs) s WHERE json_extract(s.value, '$.name') = {p.Add(name)})";

    /// <summary>Each whitespace-separated word as an FTS5 string (tokenized like the index), all required.</summary>
    internal static string FtsQuery(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(word => "\"" + word.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));

    /// <summary>A LIKE pattern (<c>%</c>, <c>_</c>, <c>\</c> escaping the next character) as a GLOB pattern.</summary>
    internal static string Glob(string like)
    {
        var glob = new StringBuilder(like.Length + 8);
        for (var i = 0; i < like.Length; i++)
        {
            var c = like[i];
            if (c == '\\' && i + 1 < like.Length)
            {
                c = like[++i];
                glob.Append(c is '*' or '?' or '[' ? $"[{c}]" : c.ToString());
                continue;
            }

            glob.Append(c switch
            {
                '%' => "*",
                '_' => "?",
                '*' or '?' or '[' => $"[{c}]",
                _ => c.ToString(),
            });
        }

        return glob.ToString();
    }

    /// <summary>True where the JSON value (its <c>json_type</c> and SQL value) equals <paramref name="value"/>; never NULL.</summary>
    private static string Equal(string type, string sqlValue, JsonNode? value, SqlParameters p) => JsonParameters.Kind(value) switch
    {
        JsonValueKind.Null => $"coalesce({type} = 'null', 0)",
        JsonValueKind.True => $"coalesce({type} = 'true', 0)",
        JsonValueKind.False => $"coalesce({type} = 'false', 0)",
        JsonValueKind.Number => $"coalesce({type} IN ('integer', 'real') AND {sqlValue} = {p.Add(JsonParameters.Number(value!))}, 0)",
        JsonValueKind.String => $"coalesce({type} = 'text' AND {sqlValue} = {p.Add(JsonParameters.String(value!))}, 0)",
        var kind => $"coalesce({type} = '{(kind == JsonValueKind.Array ? "array" : "object")}' AND {SqliteFunctions.JsonEqual}({sqlValue}, {p.Add(JsonParameters.Text(value))}), 0)",
    };

    private static (string Type, string Value) Read(MetadataKey key, SqlParameters p)
    {
        var path = p.Add(JsonParameters.SqlitePath(key));
        return ($"json_type(n.metadata, {path})", $"json_extract(n.metadata, {path})");
    }
}
