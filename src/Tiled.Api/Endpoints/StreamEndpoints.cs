using Tiled.Domain.Principals;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tiled.Api.Auth;
using Tiled.Api.OpenApi;
using Tiled.Api.Http;
using Tiled.Application.Streaming.CloseStream;
using Tiled.Domain.Nodes;

namespace Tiled.Api.Endpoints;

/// <summary>Stream control over HTTP (protocol §9.2).</summary>
internal static class StreamEndpoints
{
    public static IEndpointRouteBuilder MapStreamEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapDelete("/api/v1/stream/close/{**path}", CloseAsync)
            .Operation("streams", "closeStream", "End a node's stream: subscribers close with 1000 once they have everything before the marker")
            .Returns("Closed (JSON null).", ArrayMediaTypes.Json)
            .RequireScopes(Scopes.WriteData);
        return app;
    }

    private static async Task<IResult> CloseAsync(string? path, IMediator mediator, CancellationToken ct)
    {
        await mediator.Send(new CloseStreamCommand(NodePath.Parse(path)), ct);
        return JsonResults.Null();
    }
}
