using System.Text.Json.Nodes;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tiled.Api.Auth;
using Tiled.Domain.Principals;
using Tiled.Api.Http;
using Tiled.Api.Resources;
using Tiled.Api.Search;
using Tiled.Application.Nodes.ListChildren;
using Tiled.Application.Search;
using Tiled.Application.Search.Distinct;
using Tiled.Domain.Nodes;

namespace Tiled.Api.Endpoints;

/// <summary>Search (filters, sorting, paging, field selection) and distinct values among a container's children (protocol additions §3).</summary>
internal static class SearchEndpoints
{
    public static IEndpointRouteBuilder MapSearchEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/search/{**path}", SearchAsync).WithSummary("Search a container's children: filter, sort, page")
            .RequireScopes(Scopes.ReadMetadata);
        app.MapGet("/api/v1/distinct/{**path}", DistinctAsync).WithSummary("Distinct metadata values, structure families and specs among a container's children")
            .RequireScopes(Scopes.ReadMetadata);
        return app;
    }

    private static async Task<IResult> SearchAsync(string? path, HttpRequest request, IMediator mediator, CancellationToken ct)
    {
        var query = request.Query;
        var cursor = query.ContainsKey("page[cursor]") ? QueryParsers.Long(query["page[cursor]"], "page[cursor]", 0) : (long?)null;
        if (cursor is not null && query.ContainsKey("page[offset]"))
        {
            throw new QueryParameterException("Cannot specify both page[cursor] and page[offset]");
        }

        var offset = QueryParsers.Long(query["page[offset]"], "page[offset]", 0);
        var limit = QueryParsers.Long(query["page[limit]"], "page[limit]", 100);
        if (limit is < 0 or > ListChildrenQuery.MaxLimit)
        {
            throw new QueryParameterException($"page[limit] must be between 0 and {ListChildrenQuery.MaxLimit}.");
        }

        var options = ResourceOptions.FromQuery(query);
        var search = new ChildSearch(FilterParameters.Parse(query), SortParameters.Parse(query["sort"]));
        var nodePath = NodePath.Parse(path);
        var page = await mediator.Send(new ListChildrenQuery(nodePath, offset, options.CountOnly ? 0 : (int)limit, search, cursor), ct);

        var apiBase = ApiLinks.Base(request);
        var searchBase = $"{apiBase}/search/{nodePath}";
        string? next;
        string self;
        if (cursor is not null)
        {
            self = SearchLinks.With(searchBase, query, $"page[cursor]={cursor}&page[limit]={limit}");
            next = page.Items.Count == limit && limit > 0
                ? SearchLinks.With(searchBase, query, $"page[cursor]={page.Items[^1].Node.Id}&page[limit]={limit}")
                : null;
        }
        else
        {
            self = SearchLinks.With(searchBase, query, $"page[offset]={offset}&page[limit]={limit}");
            // A page may stop short of the limit at the response byte budget; next continues after its last child.
            var returned = page.Items.Count;
            next = returned > 0 && offset + returned < page.Count
                ? SearchLinks.With(searchBase, query, $"page[offset]={offset + returned}&page[limit]={limit}")
                : null;
        }

        return JsonResults.Ok(new JsonObject
        {
            ["data"] = new JsonArray(page.Items.Select(v => (JsonNode?)NodeResources.Resource(apiBase, v, options)).ToArray()),
            ["error"] = null,
            ["links"] = new JsonObject
            {
                ["self"] = self,
                ["first"] = SearchLinks.With(searchBase, query, $"page[offset]=0&page[limit]={limit}"),
                ["next"] = next,
            },
            ["meta"] = new JsonObject { ["count"] = page.Count },
        });
    }

    private static async Task<IResult> DistinctAsync(string? path, HttpRequest request, IMediator mediator, CancellationToken ct)
    {
        var query = request.Query;
        var keys = query["metadata"].Select(k => MetadataKey.TryParse(k)
            ?? throw new QueryParameterException($"The query parameter metadata='{k}' must be a dotted metadata key such as sample.name.")).ToList();
        var distinct = new DistinctRequest(keys,
            QueryParsers.Bool(query["structure_families"], "structure_families", false),
            QueryParsers.Bool(query["specs"], "specs", false),
            QueryParsers.Bool(query["counts"], "counts", false));
        var values = await mediator.Send(new DistinctQuery(NodePath.Parse(path), FilterParameters.Parse(query), distinct), ct);
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
