using Tiled.Domain.Principals;
using System.Text.Json.Nodes;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tiled.Api.Auth;
using Tiled.Api.Http;
using Tiled.Api.OpenApi;
using Q = Tiled.Api.OpenApi.QueryParameters;
using Tiled.Application.DataSources.PutDataSource;
using Tiled.Domain.Nodes;

namespace Tiled.Api.Endpoints;

/// <summary><c>PUT /api/v1/data_source/{path}</c>: replace a node's externally managed data source (protocol §5.3).</summary>
internal static class DataSourceEndpoints
{
    public static IEndpointRouteBuilder MapDataSourceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/v1/data_source/{**path}", PutAsync)
            .Operation("nodes", "replaceDataSource", "Replace a data source (new assets and structure); streams array-ref with the patched region")
            .WithQuery(Q.PatchOffset, Q.PatchShape)
            .AcceptsJson<ReplaceDataSourceBody>()
            .Returns("Replaced (JSON null).", ArrayMediaTypes.Json)
            .RequireScopes(Scopes.WriteMetadata, Scopes.Register);
        return app;
    }

    private static async Task<IResult> PutAsync(string? path, HttpRequest request, IMediator mediator, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync(request, ct) as JsonObject
            ?? throw new RequestBodyException("The request body must be a JSON object with a data_source.");
        var source = CreateNodeRequest.DataSource(body["data_source"]);
        var offset = Q.PatchOffset.IsIn(request) ? QueryParsers.Longs(Q.PatchOffset.From(request), Q.PatchOffset.Name) : null;
        var shape = Q.PatchShape.IsIn(request) ? QueryParsers.Longs(Q.PatchShape.From(request), Q.PatchShape.Name) : null;
        await mediator.Send(new PutDataSourceCommand(NodePath.Parse(path), source, offset, shape), ct);
        return JsonResults.Null();
    }
}
