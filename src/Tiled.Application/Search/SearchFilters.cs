using System.Text.Json.Nodes;
using Tiled.Domain.Nodes;

namespace Tiled.Application.Search;

/// <summary>
/// Tiled's built-in queries (protocol additions §3.3), one record each; a search ANDs them.
/// Values are JSON as the client encoded them. On metadata keys a query matches only children
/// where the key is present, and comparisons are type-sensitive (a number never equals a string).
/// </summary>
public abstract record SearchFilter
{
    /// <summary>The wire names the server registers, in Tiled's registration order (the about document's <c>queries</c>).</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "fulltext", "lookup", "keys_filter", "regex", "eq", "noteq", "comparison", "contains", "in", "notin",
        "keypresent", "like", "specs", "access_blob_filter", "structure_family",
    ];
}

/// <summary>Whole words in any string value of the metadata.</summary>
public sealed record FullTextFilter(string Text) : SearchFilter;

/// <summary>The child whose key is exactly <see cref="Key"/>.</summary>
public sealed record KeyLookupFilter(string Key) : SearchFilter;

/// <summary>Children whose key is one of <see cref="Keys"/>.</summary>
public sealed record KeysFilter(IReadOnlyList<string> Keys) : SearchFilter;

public sealed record EqFilter(MetadataKey Key, JsonNode? Value) : SearchFilter;

public sealed record NotEqFilter(MetadataKey Key, JsonNode? Value) : SearchFilter;

public enum ComparisonOperator
{
    Lt,
    Le,
    Gt,
    Ge,
}

/// <summary>Ordered comparison with a number, string or boolean of the same JSON type.</summary>
public sealed record ComparisonFilter(ComparisonOperator Operator, MetadataKey Key, JsonValue Value) : SearchFilter;

/// <summary>The value is an element of the list at the key, or (a string) a substring of the string there.</summary>
public sealed record ContainsFilter(MetadataKey Key, JsonNode? Value) : SearchFilter;

public sealed record InFilter(MetadataKey Key, IReadOnlyList<JsonNode?> Values) : SearchFilter;

public sealed record NotInFilter(MetadataKey Key, IReadOnlyList<JsonNode?> Values) : SearchFilter;

public sealed record KeyPresentFilter(MetadataKey Key, bool Exists) : SearchFilter;

/// <summary>SQL LIKE (<c>%</c>, <c>_</c>, <c>\</c> escapes), case-sensitive, on a string value.</summary>
public sealed record LikeFilter(MetadataKey Key, string Pattern) : SearchFilter;

/// <summary>A regular expression found anywhere in a string value.</summary>
public sealed record RegexFilter(MetadataKey Key, string Pattern, bool CaseSensitive) : SearchFilter;

/// <summary>Specs naming every <see cref="Include"/> name and none of <see cref="Exclude"/>.</summary>
public sealed record SpecsFilter(IReadOnlyList<string> Include, IReadOnlyList<string> Exclude) : SearchFilter;

/// <summary>Equality of structure family; the name may be one this server never stores (then nothing matches).</summary>
public sealed record StructureFamilyFilter(string Family) : SearchFilter
{
    public static IReadOnlyList<string> Known { get; } = ["array", "awkward", "bytes", "container", "ragged", "sparse", "table"];
}

/// <summary>
/// Nodes whose access blob names <see cref="UserId"/> or one of <see cref="Tags"/>. This server's
/// nodes have empty access blobs (single-user mode), so nothing matches.
/// </summary>
public sealed record AccessBlobFilter(string? UserId, IReadOnlyList<string> Tags) : SearchFilter;
