using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Tiled.Application.Common.Limits;
using Tiled.Application.Common.Errors;

namespace Tiled.Api.Http;

/// <summary>
/// Reads a JSON request body; malformed JSON becomes a <see cref="JsonException"/> (422). A body
/// declared as anything but JSON (<c>application/json</c> or a <c>+json</c> type) is 415: a web
/// page can send <c>text/plain</c> or form bodies to another site without asking, never JSON. A
/// body with no Content-Type is read as JSON, as Tiled (FastAPI) does.
/// </summary>
internal static class JsonBody
{
    public static async Task<JsonNode?> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        RequireJsonContentType(request.ContentType);
        var limits = request.HttpContext.RequestServices.GetRequiredService<InputLimits>();
        var bytes = await RequestBody.ReadAsync(request, limits.MaxJsonBodyBytes, "max_json_body_bytes", ct);
        if (bytes.Length == 0)
        {
            throw new JsonException("The body is empty.");
        }

        return StrictJson.Parse(bytes.Bytes.Span, limits.MaxJsonDepth);
    }

    private static void RequireJsonContentType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return;
        }

        var essence = contentType.Split(';')[0].Trim();
        if (!essence.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            && !essence.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
        {
            throw new UnsupportedMediaTypeException(
                $"This route takes a JSON body: send it with Content-Type: application/json, not '{essence}'.");
        }
    }
}
