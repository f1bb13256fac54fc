using Tiled.Domain.Principals;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tiled.Api.Auth;
using Tiled.Api.Http;
using Tiled.Application.Arrays.PatchArray;
using Tiled.Application.Arrays.ReadArray;
using Tiled.Application.Arrays.WriteArray;
using Tiled.Domain.Nodes;

namespace Tiled.Api.Endpoints;

/// <summary>Array reads and writes (protocol §6).</summary>
internal static class ArrayEndpoints
{
    public static IEndpointRouteBuilder MapArrayEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/array/full/{**path}", ReadFullAsync).WithSummary("Read an array, optionally sliced (?slice=)")
            .RequireScopes(Scopes.ReadData);
        app.MapGet("/api/v1/array/block/{**path}", ReadBlockAsync).WithSummary("Read one chunk (?block=i,j), optionally sliced")
            .RequireScopes(Scopes.ReadData);
        app.MapPut("/api/v1/array/full/{**path}", WriteFullAsync).WithSummary("Overwrite a whole array (raw bytes)")
            .RequireScopes(Scopes.WriteData);
        app.MapPut("/api/v1/array/block/{**path}", WriteBlockAsync).WithSummary("Overwrite one chunk (raw bytes)")
            .RequireScopes(Scopes.WriteData);
        app.MapPatch("/api/v1/array/full/{**path}", PatchAsync).WithSummary("Write a region (?offset=&shape=), optionally growing the array (&extend=true)")
            .RequireScopes(Scopes.WriteData);
        return app;
    }

    private static Task<IResult> ReadFullAsync(string? path, HttpRequest request, IMediator mediator, CancellationToken ct) =>
        ReadAsync(path, null, request, mediator, ct);

    private static Task<IResult> ReadBlockAsync(string? path, HttpRequest request, IMediator mediator, CancellationToken ct) =>
        ReadAsync(path, QueryParsers.RequiredLongs(request.Query["block"], "block"), request, mediator, ct);

    private static async Task<IResult> ReadAsync(string? path, long[]? block, HttpRequest request, IMediator mediator, CancellationToken ct)
    {
        var mediaType = ArrayMediaTypes.Choose(request.Query["format"], request.Headers.Accept.ToString());
        var query = new ReadArrayQuery(NodePath.Parse(path), block, request.Query["slice"],
            QueryParsers.ExpectedShape(request.Query["expected_shape"])) { AllowFile = mediaType == ArrayMediaTypes.OctetStream };
        var data = await mediator.Send(query, ct);
        if (request.Query["filename"].ToString() is { Length: > 0 } filename)
        {
            request.HttpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"{filename}\"";
        }

        return ArrayRepresentations.Render(data, mediaType);
    }

    private static async Task<IResult> WriteFullAsync(string? path, HttpRequest request, IMediator mediator, CancellationToken ct) =>
        await WriteAsync(path, null, request, mediator, ct);

    private static async Task<IResult> WriteBlockAsync(string? path, HttpRequest request, IMediator mediator, CancellationToken ct) =>
        await WriteAsync(path, QueryParsers.RequiredLongs(request.Query["block"], "block"), request, mediator, ct);

    private static async Task<IResult> WriteAsync(string? path, long[]? block, HttpRequest request, IMediator mediator, CancellationToken ct)
    {
        var persist = QueryParsers.Bool(request.Query["persist"], "persist", true);
        var body = await RequestBody.ReadAsync(request, ct);
        await mediator.Send(new WriteArrayCommand(NodePath.Parse(path), block, persist, request.ContentType ?? "", body), ct);
        return JsonResults.Null();
    }

    private static async Task<IResult> PatchAsync(string? path, HttpRequest request, IMediator mediator, CancellationToken ct)
    {
        var command = new PatchArrayCommand(
            NodePath.Parse(path),
            QueryParsers.RequiredLongs(request.Query["offset"], "offset"),
            QueryParsers.RequiredLongs(request.Query["shape"], "shape"),
            QueryParsers.Bool(request.Query["extend"], "extend", false),
            QueryParsers.Bool(request.Query["persist"], "persist", true),
            request.ContentType ?? "",
            await RequestBody.ReadAsync(request, ct));
        var structure = await mediator.Send(command, ct);
        return JsonResults.Ok(structure.ToJson());
    }
}
