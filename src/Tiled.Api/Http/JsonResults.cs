using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Tiled.Api.Http;

/// <summary>JSON success bodies with Content-Type exactly <c>application/json</c>; <c>null</c> for empty results as Tiled does.</summary>
internal static class JsonResults
{
    public static IResult Ok(JsonNode? body) =>
        Results.Text(body?.ToJsonString() ?? "null", "application/json", System.Text.Encoding.UTF8);

    public static IResult Null() => Ok(null);
}
