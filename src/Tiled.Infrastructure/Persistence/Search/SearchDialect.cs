using System.Text.Json.Nodes;
using Tiled.Application.Search;

namespace Tiled.Infrastructure.Persistence.Search;

/// <summary>
/// Translates a <see cref="ChildSearch"/> into SQL over the <c>nodes</c> table (alias <c>n</c>).
/// What both databases write alike is here; each database says how it reads JSON. Every value is a
/// parameter. A condition on a metadata key is NULL or false where the key is missing, so it is
/// only ever negated together with a presence test.
/// </summary>
internal abstract class SearchDialect
{
    protected const string True = "1 = 1";
    protected const string False = "1 = 0";

    public static SearchDialect For(bool postgres) => postgres ? PostgresSearchDialect.Instance : SqliteSearchDialect.Instance;

    /// <summary>The WHERE clause (without the keyword): children of <paramref name="parent"/> matching every filter.</summary>
    public string Where(string parent, IReadOnlyList<SearchFilter> filters, SqlParameters p) =>
        string.Join(" AND ", filters.Select(f => $"({Condition(f, p)})").Prepend($"n.parent_path = {p.Add(parent)}"));

    /// <summary>The ORDER BY list: the sort keys in turn, then insertion order unless a key already is it.</summary>
    public string OrderBy(IReadOnlyList<SortKey> sort, SqlParameters p)
    {
        var terms = new List<string>();
        foreach (var key in sort)
        {
            var direction = key.Descending ? " DESC" : " ASC";
            terms.AddRange(Terms(key, p).Select(t => t + direction));
        }

        if (sort.All(s => s.Target != SortTarget.Default))
        {
            terms.Add("n.id ASC");
        }

        return string.Join(", ", terms);
    }

    /// <summary>
    /// About how many bytes a row's metadata and specs take, cheap enough to compute for every match
    /// (what the page's batches are planned with, not what the page budget counts).
    /// </summary>
    public abstract string StoredSize { get; }

    /// <summary>True where <paramref name="column"/> is one of <paramref name="ids"/> (one parameter).</summary>
    public abstract string IdIn(string column, IReadOnlyList<long> ids, SqlParameters p);

    /// <summary>True where <paramref name="column"/> is one of <paramref name="paths"/> (one parameter).</summary>
    public abstract string PathIn(string column, IReadOnlyList<string> paths, SqlParameters p);

    /// <summary>A statement returning (JSON text of the value, count) for each distinct value of <paramref name="key"/>.</summary>
    public abstract string DistinctMetadata(string where, MetadataKey key, SqlParameters p);

    /// <summary>A statement returning (JSON text, count) for each distinct value of a JSON column (<c>specs</c>).</summary>
    public abstract string DistinctJsonColumn(string where, string column);

    private IEnumerable<string> Terms(SortKey key, SqlParameters p) => key.Target switch
    {
        SortTarget.Default => ["n.id"],
        SortTarget.NodeKey => [NodeKeyOrder],
        _ => MetadataOrder(key.Key!, p),
    };

    private string Condition(SearchFilter filter, SqlParameters p) => filter switch
    {
        KeyLookupFilter k => $"n.key = {p.Add(k.Key)}",
        KeysFilter k => k.Keys.Count == 0 ? False : $"n.key IN ({string.Join(", ", k.Keys.Select(p.Add))})",
        StructureFamilyFilter s => $"n.structure_family = {p.Add(s.Family)}",
        AccessBlobFilter => False,
        KeyPresentFilter k => k.Exists ? Present(k.Key, p) : $"NOT ({Present(k.Key, p)})",
        EqFilter e => Eq(e.Key, e.Value, p),
        NotEqFilter e => $"{Present(e.Key, p)} AND NOT ({Eq(e.Key, e.Value, p)})",
        InFilter f => AnyEq(f.Key, f.Values, p),
        NotInFilter f => f.Values.Count == 0 ? True : $"{Present(f.Key, p)} AND NOT ({AnyEq(f.Key, f.Values, p)})",
        SpecsFilter s => Specs(s, p),
        ComparisonFilter c => Comparison(c, p),
        ContainsFilter c => Contains(c.Key, c.Value, p),
        LikeFilter l => Like(l.Key, l.Pattern, p),
        RegexFilter r => Regex(r, p),
        FullTextFilter f => FullText(f.Text, p),
        _ => throw new NotSupportedException($"No SQL for the query {filter.GetType().Name}."),
    };

    private string AnyEq(MetadataKey key, IReadOnlyList<JsonNode?> values, SqlParameters p) =>
        values.Count == 0 ? False : string.Join(" OR ", values.Select(v => $"({Eq(key, v, p)})"));

    private string Specs(SpecsFilter filter, SqlParameters p)
    {
        var parts = filter.Include.Select(name => HasSpec(name, p))
            .Concat(filter.Exclude.Select(name => $"NOT ({HasSpec(name, p)})"))
            .ToList();
        return parts.Count == 0 ? True : string.Join(" AND ", parts);
    }

    protected static string Operator(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Lt => "<",
        ComparisonOperator.Le => "<=",
        ComparisonOperator.Gt => ">",
        _ => ">=",
    };

    protected abstract string NodeKeyOrder { get; }

    protected abstract IEnumerable<string> MetadataOrder(MetadataKey key, SqlParameters p);

    /// <summary>True where the key is present (its value may be JSON null), false where it is missing.</summary>
    protected abstract string Present(MetadataKey key, SqlParameters p);

    /// <summary>True where the value at the key equals <paramref name="value"/> (same JSON type); false or NULL elsewhere, never NULL where present.</summary>
    protected abstract string Eq(MetadataKey key, JsonNode? value, SqlParameters p);

    protected abstract string Comparison(ComparisonFilter filter, SqlParameters p);

    protected abstract string Contains(MetadataKey key, JsonNode? value, SqlParameters p);

    protected abstract string Like(MetadataKey key, string pattern, SqlParameters p);

    protected abstract string Regex(RegexFilter filter, SqlParameters p);

    protected abstract string FullText(string text, SqlParameters p);

    protected abstract string HasSpec(string name, SqlParameters p);
}
