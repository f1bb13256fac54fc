using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Tiled.Api.Http;

/// <summary>
/// Writes Tiled-style error bodies: <c>{"detail": ...}</c> with Content-Type exactly
/// <c>application/json</c> (the Python client ignores <c>detail</c> under any other type).
/// </summary>
internal static class ErrorResponses
{
    public static async Task WriteAsync(HttpContext context, int status, string detail, string? type = null,
        IReadOnlyDictionary<string, object?>? extensions = null)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var body = new Dictionary<string, object?>
        {
            ["detail"] = detail,
            ["type"] = type ?? $"urn:tiled:error:http-{status}",
            ["status"] = status,
        };
        foreach (var (name, value) in extensions ?? new Dictionary<string, object?>())
        {
            body[name] = value;
        }

        await context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
