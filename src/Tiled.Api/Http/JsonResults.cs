using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Tiled.Api.Http;

/// <summary>JSON success bodies with Content-Type <c>application/json</c> (UTF-8); <c>null</c> for empty results as Tiled does.</summary>
internal static class JsonResults
{
    /// <summary>The Content-Type of every JSON success body, as <see cref="Ok"/> sends it (for bodies written as a stream).</summary>
    public static readonly string ContentType =
        new Microsoft.Net.Http.Headers.MediaTypeHeaderValue("application/json") { Encoding = System.Text.Encoding.UTF8 }.ToString();

    public static IResult Ok(JsonNode? body) =>
        Results.Text(body?.ToJsonString() ?? "null", "application/json", System.Text.Encoding.UTF8);

    public static IResult Null() => Ok(null);
}
