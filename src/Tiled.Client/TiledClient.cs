using System.Text.Json.Nodes;

namespace Tiled.Client;

/// <summary>Entry point: <c>var root = await TiledClient.ConnectAsync(new Uri("http://localhost:8000"), "secret");</c></summary>
public static class TiledClient
{
    /// <summary>
    /// Connects as the Python client's <c>from_uri</c> does: reads the about document (no key), then
    /// the root container (or the node the URI's <c>/api/v1/metadata/...</c> path names).
    /// </summary>
    public static async Task<ContainerClient> ConnectAsync(Uri uri, string? apiKey, CancellationToken ct = default, HttpMessageHandler? handler = null)
    {
        var server = new Uri(uri.GetLeftPart(UriPartial.Authority));
        var http = handler is null ? new HttpClient() : new HttpClient(handler);
        http.Timeout = TimeSpan.FromMinutes(5);
        var context = new TiledContext(http, apiKey, server);
        var about = await context.SendJsonAsync(HttpMethod.Get, context.ApiBase + "/", null, ct);
        if (about?["api_version"] is null)
        {
            throw new InvalidOperationException($"{server} does not look like a Tiled server (no api_version in /api/v1/).");
        }

        var document = await context.SendJsonAsync(HttpMethod.Get, context.ApiBase + "/metadata/", null, ct);
        return NodeClient.FromItem(context, document?["data"] as JsonObject ?? throw new InvalidOperationException("The server sent no root node.")) as ContainerClient
            ?? throw new InvalidOperationException("The root node is not a container.");
    }
}
