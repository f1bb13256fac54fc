using Tiled.Domain.Principals;
using System.Text.Json.Nodes;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Primitives;
using Tiled.Api.Auth;
using Tiled.Api.Http;
using Tiled.Api.OpenApi;
using Tiled.Application.Tables;
using Q = Tiled.Api.OpenApi.QueryParameters;
using Tiled.Application.Tables.AppendPartition;
using Tiled.Application.Tables.ReadTable;
using Tiled.Application.Tables.WritePartition;
using Tiled.Application.Tables.WriteTable;
using Tiled.Domain.Nodes;

namespace Tiled.Api.Endpoints;

/// <summary>Table reads and writes (protocol §7).</summary>
internal static class TableEndpoints
{
    private const string Tag = "tables";
    private const string TableRows = "The rows, in the requested columns.";
    private const string ArrowBody = "Rows as Arrow IPC (file or stream format) with the table's schema.";

    public static IEndpointRouteBuilder MapTableEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/table/full/{**path}", ReadFullAsync)
            .Operation(Tag, "readTable", "Read all partitions of a table")
            .WithQuery(Q.Column, Q.Field, Q.TableFormat, Q.Filename)
            .Returns(TableRows, TableFormats.Served)
            .RequireScopes(Scopes.ReadData);
        app.MapPost("/api/v1/table/full/{**path}", ReadFullAsync)
            .Operation(Tag, "readTableColumns", "Read all partitions of a table; the body lists the columns")
            .WithQuery(Q.Column, Q.Field, Q.TableFormat, Q.Filename)
            .AcceptsJson<IReadOnlyList<string>>()
            .Returns(TableRows, TableFormats.Served)
            .RequireScopes(Scopes.ReadData);
        app.MapGet("/api/v1/table/partition/{**path}", ReadPartitionAsync)
            .Operation(Tag, "readTablePartition", "Read one partition")
            .WithQuery(Q.Partition, Q.Column, Q.Field, Q.TableFormat, Q.Filename)
            .Returns(TableRows, TableFormats.Served)
            .RequireScopes(Scopes.ReadData);
        app.MapPost("/api/v1/table/partition/{**path}", ReadPartitionAsync)
            .Operation(Tag, "readTablePartitionColumns", "Read one partition; the body lists the columns")
            .WithQuery(Q.Partition, Q.Column, Q.Field, Q.TableFormat, Q.Filename)
            .AcceptsJson<IReadOnlyList<string>>()
            .Returns(TableRows, TableFormats.Served)
            .RequireScopes(Scopes.ReadData);
        app.MapPut("/api/v1/table/full/{**path}", WriteFullAsync)
            .Operation(Tag, "writeTable", "Replace a one-partition table")
            .AcceptsBinary(ArrowBody, TableMediaTypes.ArrowFile, TableMediaTypes.ArrowStream)
            .Returns("Written (JSON null).", TableFormats.Json)
            .RequireScopes(Scopes.WriteData);
        app.MapPut("/api/v1/table/partition/{**path}", WritePartitionAsync)
            .Operation(Tag, "writeTablePartition", "Replace one partition")
            .WithQuery(Q.Partition)
            .AcceptsBinary(ArrowBody, TableMediaTypes.ArrowFile, TableMediaTypes.ArrowStream)
            .Returns("Written (JSON null).", TableFormats.Json)
            .RequireScopes(Scopes.WriteData);
        app.MapPatch("/api/v1/table/partition/{**path}", AppendPartitionAsync)
            .Operation(Tag, "appendTablePartition", "Append rows to one partition")
            .WithQuery(Q.Partition)
            .AcceptsBinary(ArrowBody, TableMediaTypes.ArrowFile, TableMediaTypes.ArrowStream)
            .Returns("Written (JSON null).", TableFormats.Json)
            .RequireScopes(Scopes.WriteData);
        return app;
    }

    private static Task<IResult> ReadFullAsync(string? path, HttpRequest request, IMediator mediator, CancellationToken ct) =>
        ReadAsync(path, null, request, mediator, ct);

    private static Task<IResult> ReadPartitionAsync(string? path, HttpRequest request, IMediator mediator, CancellationToken ct) =>
        ReadAsync(path, Partition(request), request, mediator, ct);

    private static async Task<IResult> ReadAsync(string? path, long? partition, HttpRequest request, IMediator mediator, CancellationToken ct)
    {
        var mediaType = TableFormats.Choose(Q.TableFormat.From(request), request.Headers.Accept.ToString());
        var columns = HttpMethods.IsPost(request.Method) && request.ContentLength is not 0
            ? await ColumnsFromBodyAsync(request, ct) ?? ColumnsFromQuery(request)
            : ColumnsFromQuery(request);
        var data = await mediator.Send(new ReadTableQuery(NodePath.Parse(path), partition, columns), ct);
        Attachment.NameFromQuery(request);

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
        Q.Partition.From(request).ToString() is { Length: > 0 } text
            ? QueryParsers.Long(text, Q.Partition.Name, 0)
            : throw new QueryParameterException("The query parameter partition is required.");

    /// <summary>Repeated <c>column=</c>, or the deprecated alias <c>field=</c>, never both; null for all columns.</summary>
    private static string[]? ColumnsFromQuery(HttpRequest request)
    {
        StringValues column = Q.Column.From(request), field = Q.Field.From(request);
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
