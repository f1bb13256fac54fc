using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tiled.Api.Endpoints;
using Tiled.Api.Http;

namespace Tiled.Api.OpenApi;

/// <summary>The AsyncAPI document of the node stream WebSocket, next to the OpenAPI document.</summary>
internal static class AsyncApiDocument
{
    public const string Path = "/asyncapi/v1.json";

    private static readonly Lazy<string> Text = new(Load);

    public static IEndpointRouteBuilder MapAsyncApiDocument(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, () => Results.Text(Text.Value, ArrayMediaTypes.Json))
            .ExcludeFromDescription().AllowAnonymous();
        return app;
    }

    private static string Load()
    {
        using var stream = typeof(AsyncApiDocument).Assembly.GetManifestResourceStream("Tiled.Api.OpenApi.asyncapi.json")
            ?? throw new InvalidOperationException("The AsyncAPI document is not embedded in the assembly.");
        var document = JsonNode.Parse(stream)!.AsObject();
        document["info"]!["version"] = AboutEndpoints.LibraryVersion;
        return document.ToJsonString();
    }
}
