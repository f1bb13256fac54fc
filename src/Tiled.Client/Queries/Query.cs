using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tiled.Client.Queries;

/// <summary>
/// One of Tiled's built-in queries, encoded as Tiled's Python client encodes it: a name and fields
/// sent as <c>filter[name][condition][field]=value</c> (values marked JSON are JSON text). Searches
/// AND their queries.
/// </summary>
public abstract record Query(string Name)
{
    /// <summary>The fields and their encoded values, in the order Tiled sends them.</summary>
    public abstract IEnumerable<(string Field, string Value)> Fields();

    /// <summary>A value as <c>json.dumps</c> writes it.</summary>
    private protected static string Json(object? value) => value switch
    {
        JsonNode node => node.ToJsonString(),
        null => "null",
        _ => JsonSerializer.Serialize(value, value.GetType()),
    };
}

/// <summary>Whole words anywhere in the metadata's string values.</summary>
public sealed record FullText(string Text) : Query("fulltext")
{
    public override IEnumerable<(string, string)> Fields() => [("text", Text)];
}

/// <summary>The child with exactly this key.</summary>
public sealed record KeyLookup(string Key) : Query("lookup")
{
    public override IEnumerable<(string, string)> Fields() => [("key", Key)];
}

/// <summary>Children whose key is one of <see cref="Keys"/>.</summary>
public sealed record KeysFilter(IReadOnlyList<string> Keys) : Query("keys_filter")
{
    public override IEnumerable<(string, string)> Fields() => [("keys", Json(Keys))];
}

/// <summary>metadata[key] == value (dotted key, type-sensitive). Also <c>new Key("x") == value</c>.</summary>
public sealed record Eq(string Key, object? Value) : Query("eq")
{
    public override IEnumerable<(string, string)> Fields() => [("key", Key), ("value", Json(Value))];
}

/// <summary>metadata[key] != value, among children that have the key.</summary>
public sealed record NotEq(string Key, object? Value) : Query("noteq")
{
    public override IEnumerable<(string, string)> Fields() => [("key", Key), ("value", Json(Value))];
}

/// <summary>Ordered comparison: <see cref="Operator"/> is <c>lt</c>, <c>le</c>, <c>gt</c> or <c>ge</c>.</summary>
public sealed record Comparison(string Operator, string Key, object? Value) : Query("comparison")
{
    public override IEnumerable<(string, string)> Fields() => [("operator", Operator), ("key", Key), ("value", Json(Value))];
}

/// <summary>The value is an element of the list (or a substring of the string) at the key.</summary>
public sealed record Contains(string Key, object? Value) : Query("contains")
{
    public override IEnumerable<(string, string)> Fields() => [("key", Key), ("value", Json(Value))];
}

public sealed record In(string Key, IReadOnlyList<object?> Values) : Query("in")
{
    public override IEnumerable<(string, string)> Fields() => [("key", Key), ("value", Json(new JsonArray(Values.Select(ToNode).ToArray())))];

    internal static JsonNode? ToNode(object? value) => value is null ? null : JsonNode.Parse(Json(value));
}

public sealed record NotIn(string Key, IReadOnlyList<object?> Values) : Query("notin")
{
    public override IEnumerable<(string, string)> Fields() => [("key", Key), ("value", Json(new JsonArray(Values.Select(In.ToNode).ToArray())))];
}

/// <summary>The key is present (or, with <see cref="Exists"/> false, absent).</summary>
public sealed record KeyPresent(string Key, bool Exists = true) : Query("keypresent")
{
    public override IEnumerable<(string, string)> Fields() => [("key", Key), ("exists", Json(Exists))];
}

/// <summary>SQL LIKE on a string value (<c>%</c>, <c>_</c>), case-sensitive.</summary>
public sealed record Like(string Key, string Pattern) : Query("like")
{
    public override IEnumerable<(string, string)> Fields() => [("key", Key), ("pattern", Json(Pattern))];
}

/// <summary>A regular expression found in a string value.</summary>
public sealed record Regex(string Key, string Pattern, bool CaseSensitive = true) : Query("regex")
{
    public override IEnumerable<(string, string)> Fields() => [("key", Key), ("pattern", Pattern), ("case_sensitive", Json(CaseSensitive))];
}

/// <summary>Specs naming every <see cref="Include"/> name and none of <see cref="Exclude"/>.</summary>
public sealed record SpecsQuery(IReadOnlyList<string> Include, IReadOnlyList<string>? Exclude = null) : Query("specs")
{
    public override IEnumerable<(string, string)> Fields() => [("include", Json(Include)), ("exclude", Json(Exclude ?? []))];
}

/// <summary>Children of one structure family (<c>array</c>, <c>container</c>, <c>table</c>, ...).</summary>
public sealed record StructureFamilyQuery(string Value) : Query("structure_family")
{
    public override IEnumerable<(string, string)> Fields() => [("value", Value)];
}
