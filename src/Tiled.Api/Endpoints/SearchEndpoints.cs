using System.Text.Json.Nodes;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tiled.Api.Auth;
using Tiled.Domain.Principals;
using Tiled.Api.Http;
using Tiled.Api.OpenApi;
using Q = Tiled.Api.OpenApi.QueryParameters;
using Tiled.Api.Resources;
using Tiled.Api.Search;
using Tiled.Application.Nodes;
using Tiled.Application.Nodes.ListChildren;
using Tiled.Application.Search;
using Tiled.Application.Search.Distinct;
using Tiled.Domain.Nodes;

namespace Tiled.Api.Endpoints;

/// <summary>Search (filters, sorting, paging, field selection) and distinct values among a container's children (protocol additions §3).</summary>
internal static class SearchEndpoints
{
    private const string Tag = "search";

    public static IEndpointRouteBuilder MapSearchEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/search/{**path}", SearchAsync)
            .Operation(Tag, "search", "Search a container's children: filter, sort, page")
            .WithQuery(Q.Filters, Q.Sort, Q.PageOffset, Q.PageLimit, Q.PageCursor,
                Q.Fields, Q.SelectMetadata, Q.OmitLinks, Q.IncludeDataSources, Q.MaxDepth)
            .ReturnsJson<SearchPageBody>("One page of matching children, with links to the next.")
            .RequireScopes(Scopes.ReadMetadata);
        app.MapGet("/api/v1/distinct/{**path}", DistinctAsync)
            .Operation(Tag, "distinct", "Distinct metadata values, structure families and specs among a container's children")
            .WithQuery(Q.DistinctMetadata, Q.DistinctStructureFamilies, Q.DistinctSpecs, Q.DistinctCounts, Q.Filters)
            .Returns("{metadata: {key: [{value, count}]}, structure_families: [...], specs: [...]}", ArrayMediaTypes.Json)
            .RequireScopes(Scopes.ReadMetadata);
        return app;
    }

    private static async Task<IResult> SearchAsync(string? path, HttpRequest request, IMediator mediator, CancellationToken ct)
    {
        var cursor = Q.PageCursor.IsIn(request) ? QueryParsers.Long(Q.PageCursor.From(request), Q.PageCursor.Name, 0) : (long?)null;
        if (cursor is not null && Q.PageOffset.IsIn(request))
        {
            throw new QueryParameterException("Cannot specify both page[cursor] and page[offset]");
        }

        var offset = QueryParsers.Long(Q.PageOffset.From(request), Q.PageOffset.Name, 0);
        var limit = QueryParsers.Long(Q.PageLimit.From(request), Q.PageLimit.Name, 100);
        if (limit is < 0 or > ListChildrenQuery.MaxLimit)
        {
            throw new QueryParameterException($"page[limit] must be between 0 and {ListChildrenQuery.MaxLimit}.");
        }

        var options = ResourceOptions.FromQuery(request);
        var search = new ChildSearch(FilterParameters.Parse(request), SortParameters.Parse(Q.Sort.From(request)));
        var nodePath = NodePath.Parse(path);
        var page = await mediator.Send(new ListChildrenQuery(nodePath, offset, options.CountOnly ? 0 : (int)limit, search, cursor), ct);

        var apiBase = ApiLinks.Base(request);
        var searchBase = $"{apiBase}/search/{nodePath}";
        var first = SearchLinks.With(searchBase, request, $"page[offset]=0&page[limit]={limit}");
        string self;
        Func<int, NodeView?, string?> next;
        if (cursor is not null)
        {
            self = SearchLinks.With(searchBase, request, $"page[cursor]={cursor}&page[limit]={limit}");
            next = (returned, last) => returned == limit && limit > 0
                ? SearchLinks.With(searchBase, request, $"page[cursor]={last!.Node.Id}&page[limit]={limit}")
                : null;
        }
        else
        {
            self = SearchLinks.With(searchBase, request, $"page[offset]={offset}&page[limit]={limit}");
            // A page may stop short of the limit at the response byte budget; next continues after its last child.
            next = (returned, _) => returned > 0 && offset + returned < page.Count
                ? SearchLinks.With(searchBase, request, $"page[offset]={offset + returned}&page[limit]={limit}")
                : null;
        }

        return new SearchPageResult(page, (json, view) => NodeResources.Write(json, apiBase, view, options),
            (returned, last) => new JsonObject { ["self"] = self, ["first"] = first, ["next"] = next(returned, last) });
    }

    private static async Task<IResult> DistinctAsync(string? path, HttpRequest request, IMediator mediator, CancellationToken ct)
    {
        var keys = Q.DistinctMetadata.From(request).Select(k => MetadataKey.TryParse(k)
            ?? throw new QueryParameterException($"The query parameter metadata='{k}' must be a dotted metadata key such as sample.name.")).ToList();
        var distinct = new DistinctRequest(keys,
            QueryParsers.Bool(Q.DistinctStructureFamilies.From(request), Q.DistinctStructureFamilies.Name, false),
            QueryParsers.Bool(Q.DistinctSpecs.From(request), Q.DistinctSpecs.Name, false),
            QueryParsers.Bool(Q.DistinctCounts.From(request), Q.DistinctCounts.Name, false));
        var values = await mediator.Send(new DistinctQuery(NodePath.Parse(path), FilterParameters.Parse(request), distinct), ct);
        return JsonResults.Ok(new JsonObject
        {
            ["metadata"] = values.Metadata is null
                ? null
                : new JsonObject(values.Metadata.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)Entries(m.Value)))),
            ["structure_families"] = values.StructureFamilies is null ? null : Entries(values.StructureFamilies),
            ["specs"] = values.Specs is null ? null : Entries(values.Specs),
        });
    }

    private static JsonArray Entries(IReadOnlyList<DistinctValue> values) =>
        new(values.Select(v => (JsonNode?)new JsonObject { ["value"] = v.Value?.DeepClone(), ["count"] = v.Count }).ToArray());
}
