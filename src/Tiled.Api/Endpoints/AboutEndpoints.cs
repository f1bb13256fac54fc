using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tiled.Api.Auth;
using Tiled.Api.Http;
using Tiled.Api.OpenApi;
using Tiled.Api.Resources;
using Tiled.Application.Search;

namespace Tiled.Api.Endpoints;

/// <summary><c>GET /api/v1/</c>: the about document the Python client validates before connecting (protocol §1).</summary>
internal static class AboutEndpoints
{
    public const string LibraryVersion = "0.2.16";

    public static IEndpointRouteBuilder MapAboutEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1", (HttpRequest request, ApiKeyOptions auth) => About(request, auth))
            .Operation("about", "about", "Describe the server: versions, formats, queries, authentication")
            .Returns("The about document.", ArrayMediaTypes.Json).AllowAnonymous();
        // The about document's "documentation" link is Tiled's {api}/docs; the Swagger UI lives at /docs.
        app.MapGet("/api/v1/docs", (HttpRequest request) => Results.Redirect($"{request.PathBase}/docs"))
            .WithSummary("Redirect to the interactive API documentation (/docs)").ExcludeFromDescription().AllowAnonymous();
        return app;
    }

    private static IResult About(HttpRequest request, ApiKeyOptions auth)
    {
        var apiBase = ApiLinks.Base(request);
        var root = new JsonObject
        {
            ["api_version"] = 0,
            ["library_version"] = LibraryVersion,
            ["formats"] = new JsonObject
            {
                ["array"] = new JsonArray("application/octet-stream", "application/json", "text/csv", "image/png"),
                ["table"] = new JsonArray("application/vnd.apache.arrow.file", "application/x-parquet", "text/csv", "application/json"),
                ["container"] = new JsonArray("application/json"),
            },
            ["aliases"] = new JsonObject
            {
                ["array"] = new JsonObject
                {
                    ["text/csv"] = new JsonArray("csv"), ["application/json"] = new JsonArray("json"), ["image/png"] = new JsonArray("png"),
                },
                ["table"] = new JsonObject
                {
                    ["application/vnd.apache.arrow.file"] = new JsonArray("arrow", "feather"), ["application/x-parquet"] = new JsonArray("parquet"),
                },
                ["container"] = new JsonObject(),
            },
            ["queries"] = new JsonArray(SearchFilter.Names.Select(n => (JsonNode?)n).ToArray()),
            ["authentication"] = new JsonObject
            {
                ["required"] = !auth.AllowAnonymousReads,
                ["providers"] = new JsonArray(),
                ["links"] = new JsonObject
                {
                    ["whoami"] = $"{apiBase}/auth/whoami",
                    ["apikey"] = $"{apiBase}/auth/apikey",
                    ["refresh_session"] = $"{apiBase}/auth/session/refresh",
                    ["revoke_session"] = $"{apiBase}/auth/session/revoke/{{session_id}}",
                    ["logout"] = $"{apiBase}/auth/logout",
                },
            },
            ["links"] = new JsonObject { ["self"] = apiBase, ["documentation"] = $"{apiBase}/docs" },
            ["meta"] = new JsonObject { ["root_path"] = request.PathBase.Value ?? "" },
        };
        return JsonResults.Ok(root);
    }
}
