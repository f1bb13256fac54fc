using Tiled.Domain.Principals;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tiled.Api.Auth;
using Tiled.Api.Http;
using Tiled.Api.OpenApi;
using Q = Tiled.Api.OpenApi.QueryParameters;
using Tiled.Application.Arrays.PatchArray;
using Tiled.Application.Arrays.ReadArray;
using Tiled.Application.Arrays.WriteArray;
using Tiled.Domain.Nodes;

namespace Tiled.Api.Endpoints;

/// <summary>Array reads and writes (protocol §6).</summary>
internal static class ArrayEndpoints
{
    private const string Tag = "arrays";
    private const string WrittenBytes = "The elements as raw bytes in the array's dtype and byte order, C order.";

    public static IEndpointRouteBuilder MapArrayEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/array/full/{**path}", ReadFullAsync)
            .Operation(Tag, "readArray", "Read an array, optionally sliced")
            .WithQuery(Q.Slice, Q.ArrayFormat, Q.ExpectedShape, Q.Filename)
            .Returns("The array's elements.", ArrayMediaTypes.Served)
            .RequireScopes(Scopes.ReadData);
        app.MapGet("/api/v1/array/block/{**path}", ReadBlockAsync)
            .Operation(Tag, "readArrayBlock", "Read one chunk, optionally sliced")
            .WithQuery(Q.Block, Q.Slice, Q.ArrayFormat, Q.ExpectedShape, Q.Filename)
            .Returns("The chunk's elements.", ArrayMediaTypes.Served)
            .RequireScopes(Scopes.ReadData);
        app.MapPut("/api/v1/array/full/{**path}", WriteFullAsync)
            .Operation(Tag, "writeArray", "Overwrite a whole array")
            .WithQuery(Q.Persist)
            .AcceptsBinary(WrittenBytes, ArrayMediaTypes.OctetStream)
            .Returns("Written (JSON null).", ArrayMediaTypes.Json)
            .RequireScopes(Scopes.WriteData);
        app.MapPut("/api/v1/array/block/{**path}", WriteBlockAsync)
            .Operation(Tag, "writeArrayBlock", "Overwrite one chunk")
            .WithQuery(Q.Block, Q.Persist)
            .AcceptsBinary(WrittenBytes, ArrayMediaTypes.OctetStream)
            .Returns("Written (JSON null).", ArrayMediaTypes.Json)
            .RequireScopes(Scopes.WriteData);
        app.MapPatch("/api/v1/array/full/{**path}", PatchAsync)
            .Operation(Tag, "patchArray", "Write a region at an offset, optionally growing the array (extend=true)")
            .WithQuery(Q.Offset, Q.Shape, Q.Extend, Q.Persist)
            .AcceptsBinary(WrittenBytes, ArrayMediaTypes.OctetStream)
            .Returns("The array's structure after the write.", ArrayMediaTypes.Json)
            .RequireScopes(Scopes.WriteData);
        return app;
    }

    private static Task<IResult> ReadFullAsync(string? path, HttpRequest request, IMediator mediator, CancellationToken ct) =>
        ReadAsync(path, null, request, mediator, ct);

    private static Task<IResult> ReadBlockAsync(string? path, HttpRequest request, IMediator mediator, CancellationToken ct) =>
        ReadAsync(path, QueryParsers.RequiredLongs(Q.Block.From(request), Q.Block.Name), request, mediator, ct);

    private static async Task<IResult> ReadAsync(string? path, long[]? block, HttpRequest request, IMediator mediator, CancellationToken ct)
    {
        var mediaType = ArrayMediaTypes.Choose(Q.ArrayFormat.From(request), request.Headers.Accept.ToString());
        var query = new ReadArrayQuery(NodePath.Parse(path), block, Q.Slice.From(request),
            QueryParsers.ExpectedShape(Q.ExpectedShape.From(request))) { AllowFile = mediaType == ArrayMediaTypes.OctetStream };
        var data = await mediator.Send(query, ct);
        Attachment.NameFromQuery(request);

        return ArrayRepresentations.Render(data, mediaType);
    }

    private static async Task<IResult> WriteFullAsync(string? path, HttpRequest request, IMediator mediator, CancellationToken ct) =>
        await WriteAsync(path, null, request, mediator, ct);

    private static async Task<IResult> WriteBlockAsync(string? path, HttpRequest request, IMediator mediator, CancellationToken ct) =>
        await WriteAsync(path, QueryParsers.RequiredLongs(Q.Block.From(request), Q.Block.Name), request, mediator, ct);

    private static async Task<IResult> WriteAsync(string? path, long[]? block, HttpRequest request, IMediator mediator, CancellationToken ct)
    {
        var persist = QueryParsers.Bool(Q.Persist.From(request), Q.Persist.Name, true);
        var body = await RequestBody.ReadAsync(request, ct);
        await mediator.Send(new WriteArrayCommand(NodePath.Parse(path), block, persist, request.ContentType ?? "", body), ct);
        return JsonResults.Null();
    }

    private static async Task<IResult> PatchAsync(string? path, HttpRequest request, IMediator mediator, CancellationToken ct)
    {
        var command = new PatchArrayCommand(
            NodePath.Parse(path),
            QueryParsers.RequiredLongs(Q.Offset.From(request), Q.Offset.Name),
            QueryParsers.RequiredLongs(Q.Shape.From(request), Q.Shape.Name),
            QueryParsers.Bool(Q.Extend.From(request), Q.Extend.Name, false),
            QueryParsers.Bool(Q.Persist.From(request), Q.Persist.Name, true),
            request.ContentType ?? "",
            await RequestBody.ReadAsync(request, ct));
        var structure = await mediator.Send(command, ct);
        return JsonResults.Ok(structure.ToJson());
    }
}
