using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Tiled.Api.Http;
using Tiled.Api.OpenApi;
using Tiled.Application.Search;

namespace Tiled.Api.Search;

/// <summary>
/// Reads <c>filter[&lt;query&gt;][condition][&lt;field&gt;]</c> parameters (protocol additions §3.2):
/// the i-th value of each field of a query type makes the i-th query of that type. Unlike Tiled, an
/// unknown query, an unknown or missing field and a bad value are a 400 naming the parameter,
/// never ignored.
/// </summary>
internal static partial class FilterParameters
{
    public static IReadOnlyList<SearchFilter> Parse(HttpRequest request)
    {
        var byType = new Dictionary<string, Dictionary<string, StringValues>>(StringComparer.Ordinal);
        foreach (var (name, values) in QueryParameters.Filters.Declared(request).Query)
        {
            if (!name.StartsWith("filter", StringComparison.Ordinal))
            {
                continue;
            }

            var match = NamePattern().Match(name);
            if (!match.Success)
            {
                throw new QueryParameterException($"The query parameter {name} is not of the form filter[<query>][condition][<field>].");
            }

            var type = match.Groups[1].Value;
            var field = match.Groups[2].Value;
            if (!FilterDecoder.All.TryGetValue(type, out var decoder))
            {
                throw new QueryParameterException(
                    $"The query parameter {name} names an unknown query '{type}'; this server knows {string.Join(", ", SearchFilter.Names)}.");
            }

            if (!decoder.Required.Contains(field) && !decoder.Optional.Contains(field))
            {
                throw new QueryParameterException(
                    $"The query parameter {name} names an unknown field '{field}' of the query '{type}'; it has {string.Join(", ", decoder.Required.Concat(decoder.Optional))}.");
            }

            if (!byType.TryGetValue(type, out var fields))
            {
                byType[type] = fields = new Dictionary<string, StringValues>(StringComparer.Ordinal);
            }

            fields[field] = values;
        }

        return byType.SelectMany(pair => Decode(pair.Key, pair.Value)).ToList();
    }

    private static IEnumerable<SearchFilter> Decode(string type, Dictionary<string, StringValues> fields)
    {
        var decoder = FilterDecoder.All[type];
        var counts = fields.ToDictionary(f => f.Key, f => f.Value.Count, StringComparer.Ordinal);
        if (counts.Values.Distinct().Count() > 1)
        {
            throw new QueryParameterException(
                $"The query parameters filter[{type}][condition][...] must be repeated together, once per query; got "
                + string.Join(", ", counts.Select(c => $"{c.Value} of {c.Key}")) + ".");
        }

        var queries = counts.Values.First();
        for (var i = 0; i < queries; i++)
        {
            var item = new FilterFields(type, fields, i);
            var missing = decoder.Required.FirstOrDefault(f => !fields.ContainsKey(f));
            if (missing is not null)
            {
                throw item.Bad(missing, "is required");
            }

            yield return decoder.Decode(item);
        }
    }

    [GeneratedRegex(@"^filter\[([^\[\]]*)\]\[condition\]\[([^\[\]]*)\]$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
