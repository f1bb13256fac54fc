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
using Tiled.Api.Resources;
using Tiled.Application.Metadata;
using Tiled.Application.Metadata.ReplaceMetadata;
using Tiled.Application.Metadata.UpdateMetadata;
using Tiled.Application.Nodes.CreateNode;
using Tiled.Application.Nodes.DeleteNode;
using Tiled.Application.Nodes.GetNode;
using Tiled.Domain.DataSources;
using Tiled.Domain.Nodes;

namespace Tiled.Api.Endpoints;

/// <summary>Node documents, creation, metadata updates and deletion (protocol §2, §5.1, §8); listing is in <see cref="SearchEndpoints"/>.</summary>
internal static class NodeEndpoints
{
    private const string Tag = "nodes";

    public static IEndpointRouteBuilder MapNodeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/metadata/{**path}", GetAsync)
            .Operation(Tag, "readNode", "Read a node's document")
            .WithQuery(Q.Fields, Q.SelectMetadata, Q.OmitLinks, Q.IncludeDataSources, Q.MaxDepth)
            .ReturnsJson<NodeDocumentBody>("The node's document.")
            .RequireScopes(Scopes.ReadMetadata);
        app.MapPost("/api/v1/metadata/{**path}", CreateAsync)
            .Operation(Tag, "createNode", "Create a container, array or table under a container")
            .AcceptsJson<CreateNodeBody>()
            .ReturnsJson<CreatedNodeBody>("The new node's key, links and data sources.")
            .Fails(StatusCodes.Status409Conflict, "The container already has a child with this key.")
            .RequireScopes(Scopes.WriteMetadata, Scopes.CreateNode);
        app.MapPost("/api/v1/register/{**path}", RegisterAsync)
            .Operation(Tag, "registerNode", "Register externally managed files as a new node")
            .AcceptsJson<CreateNodeBody>()
            .ReturnsJson<CreatedNodeBody>("The new node's key, links and data sources.")
            .Fails(StatusCodes.Status409Conflict, "The container already has a child with this key.")
            .RequireScopes(Scopes.WriteMetadata, Scopes.CreateNode, Scopes.Register);
        app.MapPatch("/api/v1/metadata/{**path}", PatchAsync)
            .Operation(Tag, "patchMetadata", "Patch metadata and specs (JSON Patch or merge patch)")
            .WithQuery(Q.DropRevision)
            .AcceptsJson<PatchMetadataBody>()
            .ReturnsJson<MetadataResultBody>("The metadata after the patch.")
            .RequireScopes(Scopes.WriteMetadata);
        app.MapPut("/api/v1/metadata/{**path}", ReplaceAsync)
            .Operation(Tag, "replaceMetadata", "Replace metadata and specs")
            .WithQuery(Q.DropRevision)
            .AcceptsJson<ReplaceMetadataBody>()
            .ReturnsJson<MetadataResultBody>("The metadata now stored.")
            .RequireScopes(Scopes.WriteMetadata);
        app.MapDelete("/api/v1/metadata/{**path}", DeleteAsync)
            .Operation(Tag, "deleteNode", "Delete a node (recursive=true: with everything under it)")
            .WithQuery(Q.Recursive, Q.ExternalOnly)
            .Returns("Deleted (JSON null).", ArrayMediaTypes.Json)
            .Fails(StatusCodes.Status409Conflict, "The container is not empty (without recursive), or holds managed data (with external_only).")
            .RequireScopes(Scopes.DeleteNode, Scopes.DeleteRevision);
        return app;
    }

    private static async Task<IResult> GetAsync(string? path, HttpRequest request, IMediator mediator, CancellationToken ct)
    {
        var view = await mediator.Send(new GetNodeQuery(NodePath.Parse(path)), ct);
        return JsonResults.Ok(NodeResources.Document(ApiLinks.Base(request), view, ResourceOptions.FromQuery(request)));
    }

    private static Task<IResult> CreateAsync(string? path, HttpRequest request, IMediator mediator, CancellationToken ct) =>
        CreateOrRegisterAsync(path, register: false, request, mediator, ct);

    private static Task<IResult> RegisterAsync(string? path, HttpRequest request, IMediator mediator, CancellationToken ct) =>
        CreateOrRegisterAsync(path, register: true, request, mediator, ct);

    private static async Task<IResult> CreateOrRegisterAsync(string? path, bool register, HttpRequest request, IMediator mediator, CancellationToken ct)
    {
        var command = CreateNodeRequest.Parse(NodePath.Parse(path), await JsonBody.ReadAsync(request, ct), register);
        var node = await mediator.Send(command, ct);
        var apiBase = ApiLinks.Base(request);
        var links = NodeResources.Resource(apiBase, new Application.Nodes.NodeView(node, 0), ResourceOptions.All)["links"];
        return JsonResults.Ok(new JsonObject
        {
            ["id"] = node.Path.Key,
            ["links"] = links?.DeepClone(),
            ["data_sources"] = DataSourceJson.ToJson(node.DataSources),
        });
    }

    private static async Task<IResult> PatchAsync(string? path, HttpRequest request, IMediator mediator, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync(request, ct) as JsonObject
            ?? throw new RequestBodyException("The request body must be a JSON object.");
        var contentType = body["content-type"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : UpdateMetadataCommand.JsonPatch;
        var command = new UpdateMetadataCommand(NodePath.Parse(path), contentType, body["metadata"]?.DeepClone(),
            body["specs"]?.DeepClone(), QueryParsers.Bool(Q.DropRevision.From(request), Q.DropRevision.Name, false));
        return JsonResults.Ok(Result(await mediator.Send(command, ct)));
    }

    private static async Task<IResult> ReplaceAsync(string? path, HttpRequest request, IMediator mediator, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync(request, ct) as JsonObject
            ?? throw new RequestBodyException("The request body must be a JSON object.");
        var metadata = body["metadata"] switch
        {
            null => null,
            JsonObject m => (JsonObject)m.DeepClone(),
            _ => throw new RequestBodyException("metadata must be a JSON object or null."),
        };
        var specs = body["specs"] is null ? null : SpecParsing.FromJson(body["specs"]);
        var command = new ReplaceMetadataCommand(NodePath.Parse(path), metadata, specs,
            QueryParsers.Bool(Q.DropRevision.From(request), Q.DropRevision.Name, false));
        return JsonResults.Ok(Result(await mediator.Send(command, ct)));
    }

    private static async Task<IResult> DeleteAsync(string? path, HttpRequest request, IMediator mediator, CancellationToken ct)
    {
        await mediator.Send(new DeleteNodeCommand(NodePath.Parse(path),
            QueryParsers.Bool(Q.Recursive.From(request), Q.Recursive.Name, false),
            QueryParsers.Bool(Q.ExternalOnly.From(request), Q.ExternalOnly.Name, true)), ct);
        return JsonResults.Null();
    }

    private static JsonObject Result(MetadataResult result) => new() { ["id"] = result.Id, ["metadata"] = result.Metadata.DeepClone() };
}
