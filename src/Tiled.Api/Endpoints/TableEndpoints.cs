using Tiled.Domain.Principals;
using System.Text.Json.Nodes;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Primitives;
using Tiled.Api.Auth;
using Tiled.Api.Http;
using Tiled.Application.Tables.AppendPartition;
using Tiled.Application.Tables.ReadTable;
using Tiled.Application.Tables.WritePartition;
using Tiled.Application.Tables.WriteTable;
using Tiled.Domain.Nodes;

namespace Tiled.Api.Endpoints;

/// <summary>Table reads and writes (protocol §7).</summary>
internal static class TableEndpoints
{
    public static IEndpointRouteBuilder MapTableEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/table/full/{**path}", ReadFullAsync).WithSummary("Read all partitions of a table (?column=a&column=b)")
            .RequireScopes(Scopes.ReadData);
        app.MapPost("/api/v1/table/full/{**path}", ReadFullAsync).WithSummary("Read all partitions of a table; body = JSON list of columns")
            .RequireScopes(Scopes.ReadData);
        app.MapGet("/api/v1/table/partition/{**path}", ReadPartitionAsync).WithSummary("Read one partition (?partition=i)")
            .RequireScopes(Scopes.ReadData);
        app.MapPost("/api/v1/table/partition/{**path}", ReadPartitionAsync).WithSummary("Read one partition (?partition=i); body = JSON list of columns")
            .RequireScopes(Scopes.ReadData);
        app.MapPut("/api/v1/table/full/{**path}", WriteFullAsync).WithSummary("Replace a one-partition table (Arrow IPC body)")
            .RequireScopes(Scopes.WriteData);
        app.MapPut("/api/v1/table/partition/{**path}", WritePartitionAsync).WithSummary("Replace one partition (?partition=i, Arrow IPC body)")
            .RequireScopes(Scopes.WriteData);
        app.MapPatch("/api/v1/table/partition/{**path}", AppendPartitionAsync).WithSummary("Append rows to one partition (?partition=i, Arrow IPC body)")
            .RequireScopes(Scopes.WriteData);
        return app;
    }

    private static Task<IResult> ReadFullAsync(string? path, HttpRequest request, IMediator mediator, CancellationToken ct) =>
        ReadAsync(path, null, request, mediator, ct);

    private static Task<IResult> ReadPartitionAsync(string? path, HttpRequest request, IMediator mediator, CancellationToken ct) =>
        ReadAsync(path, Partition(request), request, mediator, ct);

    private static async Task<IResult> ReadAsync(string? path, long? partition, HttpRequest request, IMediator mediator, CancellationToken ct)
    {
        var mediaType = TableFormats.Choose(request.Query["format"], request.Headers.Accept.ToString());
        var columns = HttpMethods.IsPost(request.Method) && request.ContentLength is not 0
            ? await ColumnsFromBodyAsync(request, ct) ?? ColumnsFromQuery(request)
            : ColumnsFromQuery(request);
        var data = await mediator.Send(new ReadTableQuery(NodePath.Parse(path), partition, columns), ct);
        if (request.Query["filename"].ToString() is { Length: > 0 } filename)
        {
            request.HttpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"{filename}\"";
        }

        return TableRepresentations.Render(data, mediaType);
    }

    private static async Task<IResult> WriteFullAsync(string? path, HttpRequest request, IMediator mediator, CancellationToken ct)
    {
        var body = await RequestBody.ReadAsync(request, ct);
        await mediator.Send(new WriteTableCommand(NodePath.Parse(path), request.ContentType ?? "", body), ct);
        return JsonResults.Null();
    }

    private static async Task<IResult> WritePartitionAsync(string? path, HttpRequest request, IMediator mediator, CancellationToken ct)
    {
        var partition = Partition(request);
        var body = await RequestBody.ReadAsync(request, ct);
        await mediator.Send(new WritePartitionCommand(NodePath.Parse(path), partition, request.ContentType ?? "", body), ct);
        return JsonResults.Null();
    }

    private static async Task<IResult> AppendPartitionAsync(string? path, HttpRequest request, IMediator mediator, CancellationToken ct)
    {
        var partition = Partition(request);
        var body = await RequestBody.ReadAsync(request, ct);
        await mediator.Send(new AppendPartitionCommand(NodePath.Parse(path), partition, request.ContentType ?? "", body), ct);
        return JsonResults.Null();
    }

    private static long Partition(HttpRequest request) =>
        request.Query["partition"].ToString() is { Length: > 0 } text
            ? QueryParsers.Long(text, "partition", 0)
            : throw new QueryParameterException("The query parameter partition is required.");

    /// <summary>Repeated <c>column=</c>, or the deprecated alias <c>field=</c>, never both; null for all columns.</summary>
    private static string[]? ColumnsFromQuery(HttpRequest request)
    {
        StringValues column = request.Query["column"], field = request.Query["field"];
        if (column.Count > 0 && field.Count > 0)
        {
            throw new QueryParameterException("Use the query parameter column (or its deprecated alias field), not both.");
        }

        var names = column.Count > 0 ? column : field;
        return names.Count > 0 ? names.Select(n => n ?? "").ToArray() : null;
    }

    /// <summary>The JSON list of column names a POST read carries; null (all columns) for a JSON null.</summary>
    private static async Task<string[]?> ColumnsFromBodyAsync(HttpRequest request, CancellationToken ct) =>
        await JsonBody.ReadAsync(request, ct) switch
        {
            null => null,
            JsonArray list => list.Select(item => item is JsonValue v && v.TryGetValue<string>(out var name)
                ? name
                : throw new RequestBodyException("The request body must be a JSON list of column names.")).ToArray(),
            _ => throw new RequestBodyException("The request body must be a JSON list of column names."),
        };
}
