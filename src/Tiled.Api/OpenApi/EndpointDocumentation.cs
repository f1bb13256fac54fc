using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Tiled.Api.OpenApi;

/// <summary>
/// What a route declares for the OpenAPI document beyond ASP.NET's own metadata: its resource tag
/// and operation id, the query parameters it reads, a raw (binary) request body, and the media
/// types of its successful response.
/// </summary>
internal static class EndpointDocumentation
{
    /// <summary>Tag (the resource) and operation id, e.g. <c>("arrays", "readArray")</c>.</summary>
    public static RouteHandlerBuilder Operation(this RouteHandlerBuilder builder, string tag, string operationId, string summary) =>
        builder.WithTags(tag).WithName(operationId).WithSummary(summary);

    public static RouteHandlerBuilder WithQuery(this RouteHandlerBuilder builder, params QueryParameter[] parameters) =>
        builder.WithMetadata(new DocumentedQuery(parameters));

    /// <summary>The body is raw bytes in one of <paramref name="contentTypes"/>.</summary>
    public static RouteHandlerBuilder AcceptsBinary(this RouteHandlerBuilder builder, string description, params string[] contentTypes) =>
        builder.WithMetadata(new BinaryBody(description, contentTypes));

    /// <summary>The body is JSON shaped like <typeparamref name="TBody"/> (a documentation type).</summary>
    public static RouteHandlerBuilder AcceptsJson<TBody>(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new JsonRequestBody(typeof(TBody)));

    /// <summary>A successful response in one of <paramref name="mediaTypes"/> (the first is the default).</summary>
    public static RouteHandlerBuilder Returns(this RouteHandlerBuilder builder, string description, params string[] mediaTypes) =>
        builder.WithMetadata(new SuccessResponse(description, null, mediaTypes));

    /// <summary>A WebSocket route: the answer is 101 Switching Protocols.</summary>
    public static RouteHandlerBuilder SwitchesProtocols(this RouteHandlerBuilder builder, string description) =>
        builder.WithMetadata(new SuccessResponse(description, null, [], StatusCodes.Status101SwitchingProtocols));

    /// <summary>A successful JSON response shaped like <typeparamref name="TResponse"/> (a documentation type).</summary>
    public static RouteHandlerBuilder ReturnsJson<TResponse>(this RouteHandlerBuilder builder, string description) =>
        builder.WithMetadata(new SuccessResponse(description, typeof(TResponse), ["application/json"]));

    /// <summary>A route-specific error answer (the common ones are added for every route).</summary>
    public static RouteHandlerBuilder Fails(this RouteHandlerBuilder builder, int status, string description) =>
        builder.WithMetadata(new ErrorResponse(status, description));
}

internal sealed record ErrorResponse(int Status, string Description);

internal sealed record BinaryBody(string Description, IReadOnlyList<string> ContentTypes);

internal sealed record JsonRequestBody(Type Shape);

internal sealed record SuccessResponse(string Description, Type? Shape, IReadOnlyList<string> MediaTypes, int Status = StatusCodes.Status200OK);
