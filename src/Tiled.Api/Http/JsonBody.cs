using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Tiled.Api.Http;

/// <summary>Reads a JSON request body; malformed JSON becomes a <see cref="JsonException"/> (422).</summary>
internal static class JsonBody
{
    public static async Task<JsonNode?> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var bytes = await RequestBody.ReadAsync(request, ct);
        if (bytes.Length == 0)
        {
            throw new JsonException("The body is empty.");
        }

        return StrictJson.Parse(bytes.Span);
    }
}
