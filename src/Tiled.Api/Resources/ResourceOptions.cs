using Microsoft.AspNetCore.Http;

namespace Tiled.Api.Resources;

/// <summary>What a node document should contain, from the <c>fields</c>, <c>include_data_sources</c> and <c>omit_links</c> parameters.</summary>
internal sealed record ResourceOptions(IReadOnlySet<string>? Fields, bool IncludeDataSources, bool OmitLinks)
{
    public static ResourceOptions All { get; } = new(null, false, false);

    public bool Includes(string attribute) => Fields is null || Fields.Contains(attribute);

    public static ResourceOptions FromQuery(IQueryCollection query)
    {
        IReadOnlySet<string>? fields = query.TryGetValue("fields", out var values)
            ? values.SelectMany(v => (v ?? "").Split(',')).Where(v => v.Length > 0).ToHashSet(StringComparer.Ordinal)
            : null;
        return new ResourceOptions(
            fields,
            Http.QueryParsers.Bool(query["include_data_sources"], "include_data_sources", false),
            Http.QueryParsers.Bool(query["omit_links"], "omit_links", false));
    }
}
