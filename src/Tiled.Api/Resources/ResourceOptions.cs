using Microsoft.AspNetCore.Http;
using Tiled.Api.Http;
using Tiled.Api.Search;
using Q = Tiled.Api.OpenApi.QueryParameters;

namespace Tiled.Api.Resources;

/// <summary>
/// What a node document should contain, from the <c>fields</c>, <c>include_data_sources</c>,
/// <c>omit_links</c> and <c>select_metadata</c> parameters (protocol additions §3.1).
/// </summary>
internal sealed record ResourceOptions(IReadOnlySet<string>? Fields, bool IncludeDataSources, bool OmitLinks,
    MetadataSelector? SelectMetadata = null)
{
    private static readonly string[] KnownFields =
        ["metadata", "structure_family", "structure", "count", "sorting", "specs", "data_sources", "access_blob"];

    public static ResourceOptions All { get; } = new(null, false, false);

    public bool Includes(string attribute) => Fields is null || Fields.Contains(attribute);

    /// <summary><c>fields=</c> alone: each item is its key, ancestors and self link.</summary>
    public bool KeysOnly => Fields is { Count: 0 };

    /// <summary><c>fields=count</c> alone: no items, only the count.</summary>
    public bool CountOnly => Fields is { Count: 1 } && Fields.Contains("count");

    public static ResourceOptions FromQuery(HttpRequest request)
    {
        IReadOnlySet<string>? fields = Q.Fields.IsIn(request)
            ? Q.Fields.From(request).SelectMany(v => (v ?? "").Split(',')).Where(v => v.Length > 0).ToHashSet(StringComparer.Ordinal)
            : null;
        if (fields?.FirstOrDefault(f => !KnownFields.Contains(f)) is { } unknown)
        {
            throw new QueryParameterException(
                $"The query parameter fields='{unknown}' is not one of {string.Join(", ", KnownFields)} (or empty).", 422);
        }

        var maxDepth = QueryParsers.Long(Q.MaxDepth.From(request), Q.MaxDepth.Name, 0);
        if (maxDepth is < 0 or > 5)
        {
            // Accepted for compatibility: containers here never inline their contents.
            throw new QueryParameterException($"The query parameter max_depth={maxDepth} must be between 0 and 5.", 422);
        }

        return new ResourceOptions(
            fields,
            QueryParsers.Bool(Q.IncludeDataSources.From(request), Q.IncludeDataSources.Name, false),
            QueryParsers.Bool(Q.OmitLinks.From(request), Q.OmitLinks.Name, false),
            MetadataSelector.Parse(Q.SelectMetadata.From(request)));
    }
}
