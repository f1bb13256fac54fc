using System.Text.RegularExpressions;
using Microsoft.Extensions.Primitives;
using Tiled.Api.Http;
using Tiled.Application.Search;

namespace Tiled.Api.Search;

/// <summary>
/// Reads the repeatable <c>sort</c> parameter (protocol additions §3.4): <c>key</c> or <c>+key</c>
/// ascending, <c>-key</c> descending; <c>id</c> is the child's key, <c>metadata.a.b</c> or <c>a.b</c> a
/// metadata value, an empty name the default (insertion) order, which must come last.
/// </summary>
internal static partial class SortParameters
{
    public static IReadOnlyList<SortKey> Parse(StringValues values)
    {
        var keys = new List<SortKey>();
        foreach (var value in values)
        {
            if (string.IsNullOrEmpty(value))
            {
                continue; // Tiled discards empty values (backward compatibility).
            }

            if (!Pattern().IsMatch(value))
            {
                throw new QueryParameterException(
                    $"The query parameter sort='{value}' must be a key, +key or -key of letters, digits, '_' and '.'.", 422);
            }

            var descending = value[0] == '-';
            var name = value[0] is '-' or '+' ? value[1..] : value;
            var key = name switch
            {
                "" => SortKey.Default with { Descending = descending },
                "id" => new SortKey(SortTarget.NodeKey, null, descending),
                _ => new SortKey(SortTarget.Metadata, Metadata(name, value), descending),
            };
            if (keys.Any(k => k.Name == key.Name))
            {
                throw new QueryParameterException($"Duplicate sorting key: {key.Name}");
            }

            if (keys.Count > 0 && keys[^1].Target == SortTarget.Default)
            {
                throw new QueryParameterException("Default sorting (empty string) must be the last item in the sort list");
            }

            keys.Add(key);
        }

        return keys;
    }

    private static MetadataKey Metadata(string name, string value) =>
        MetadataKey.TryParse(name.StartsWith("metadata.", StringComparison.Ordinal) ? name["metadata.".Length..] : name)
        ?? throw new QueryParameterException($"The query parameter sort='{value}' names no metadata key (empty part).", 422);

    [GeneratedRegex(@"^(?:[+-][A-Za-z0-9_.]*|[A-Za-z0-9_.]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
