using System.Text.Json;
using System.Text.Json.Nodes;
using Tiled.Application.Search;

namespace Tiled.Api.Search;

/// <summary>How each built-in query's fields become a <see cref="SearchFilter"/> (protocol additions §3.3).</summary>
internal sealed record FilterDecoder(IReadOnlySet<string> Required, IReadOnlySet<string> Optional, Func<FilterFields, SearchFilter> Decode)
{
    public static IReadOnlyDictionary<string, FilterDecoder> All { get; } = new Dictionary<string, FilterDecoder>(StringComparer.Ordinal)
    {
        ["fulltext"] = New(["text"], [], f => new FullTextFilter(Words(f))),
        ["lookup"] = New(["key"], [], f => new KeyLookupFilter(f.Plain("key"))),
        ["keys_filter"] = New(["keys"], [], f => new KeysFilter(f.Strings("keys"))),
        ["regex"] = New(["key", "pattern"], ["case_sensitive"], f => new RegexFilter(f.Key(), f.Regex("pattern"), f.Bool("case_sensitive", true))),
        ["eq"] = New(["key", "value"], [], f => new EqFilter(f.Key(), f.Json("value"))),
        ["noteq"] = New(["key", "value"], [], f => new NotEqFilter(f.Key(), f.Json("value"))),
        ["comparison"] = New(["operator", "key", "value"], [], f => new ComparisonFilter(Operator(f), f.Key(), Comparable(f))),
        ["contains"] = New(["key", "value"], [], f => new ContainsFilter(f.Key(), f.Json("value"))),
        ["in"] = New(["key", "value"], [], f => new InFilter(f.Key(), f.List("value"))),
        ["notin"] = New(["key", "value"], [], f => new NotInFilter(f.Key(), f.List("value"))),
        ["keypresent"] = New(["key"], ["exists"], f => new KeyPresentFilter(f.Key(), f.Bool("exists", true))),
        ["like"] = New(["key", "pattern"], [], f => new LikeFilter(f.Key(), f.JsonString("pattern"))),
        ["specs"] = New([], ["include", "exclude"], f => new SpecsFilter(
            f.Optional("include") is null ? [] : f.Strings("include"),
            f.Optional("exclude") is null ? [] : f.Strings("exclude"))),
        ["structure_family"] = New(["value"], [], f => new StructureFamilyFilter(Family(f))),
        ["access_blob_filter"] = New([], ["user_id", "tags"], f => new AccessBlobFilter(f.Optional("user_id"), Tags(f))),
    };

    private static FilterDecoder New(string[] required, string[] optional, Func<FilterFields, SearchFilter> decode) =>
        new(required.ToHashSet(StringComparer.Ordinal), optional.ToHashSet(StringComparer.Ordinal), decode);

    private static string Words(FilterFields f)
    {
        var text = f.Plain("text");
        return string.IsNullOrWhiteSpace(text) ? throw f.Bad("text", "must contain a word") : text;
    }

    private static ComparisonOperator Operator(FilterFields f) => f.Plain("operator") switch
    {
        "lt" => ComparisonOperator.Lt,
        "le" => ComparisonOperator.Le,
        "gt" => ComparisonOperator.Gt,
        "ge" => ComparisonOperator.Ge,
        var other => throw f.Bad("operator", $"must be one of lt, le, gt, ge, not '{other}'"),
    };

    private static JsonValue Comparable(FilterFields f) =>
        f.Json("value") is JsonValue v && v.GetValueKind() is JsonValueKind.Number or JsonValueKind.String or JsonValueKind.True or JsonValueKind.False
            ? v
            : throw f.Bad("value", "must be a JSON number, string or boolean to compare with");

    private static string Family(FilterFields f)
    {
        var value = f.Plain("value");
        return StructureFamilyFilter.Known.Contains(value)
            ? value
            : throw f.Bad("value", $"must be one of {string.Join(", ", StructureFamilyFilter.Known)}, not '{value}'");
    }

    /// <summary>A JSON list; Tiled's client sends the Python repr (<c>['a', 'b']</c>), read as if it were JSON.</summary>
    private static IReadOnlyList<string> Tags(FilterFields f)
    {
        var text = f.Optional("tags");
        if (text is null)
        {
            return [];
        }

        try
        {
            _ = JsonNode.Parse(text);
            return f.Strings("tags");
        }
        catch (JsonException)
        {
            return f.Strings("tags", text.Replace('\'', '"'));
        }
    }
}
