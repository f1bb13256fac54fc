using System.Globalization;
using System.Text.Json.Nodes;
using Tiled.Application.Principals;
using Tiled.Domain.Principals;

namespace Tiled.Api.Resources;

/// <summary>The JSON shapes of principals and API keys (protocol additions §4.5: APIKey, APIKeyWithSecret, Principal).</summary>
internal static class PrincipalResources
{
    public static JsonObject ApiKey(ApiKeyInfo key) => new()
    {
        ["first_eight"] = key.FirstEight,
        ["expiration_time"] = Time(key.ExpirationTime),
        ["note"] = key.Note,
        ["scopes"] = new JsonArray(key.Scopes.Select(s => (JsonNode?)s).ToArray()),
        ["access_tags"] = null,
        ["latest_activity"] = Time(key.LatestActivity),
    };

    public static JsonObject ApiKeyWithSecret(NewApiKey created)
    {
        var json = ApiKey(created.Key);
        json["secret"] = created.Secret;
        return json;
    }

    public static JsonObject Principal(Principal principal) => new()
    {
        ["uuid"] = principal.Uuid.ToString("D"),
        ["type"] = principal.Type == PrincipalType.Service ? "service" : "user",
        ["identities"] = principal.Identity is { } id
            ? new JsonArray(new JsonObject { ["id"] = id, ["provider"] = "tiled", ["latest_login"] = null })
            : new JsonArray(),
        ["roles"] = new JsonArray(principal.Roles.Select(r => (JsonNode?)new JsonObject
        {
            ["name"] = r.Name,
            ["scopes"] = new JsonArray(r.Scopes.Order(StringComparer.Ordinal).Select(s => (JsonNode?)s).ToArray()),
        }).ToArray()),
        ["api_keys"] = new JsonArray(principal.ApiKeys.Select(k => (JsonNode?)ApiKey(k)).ToArray()),
        ["sessions"] = new JsonArray(),
        ["latest_activity"] = Time(principal.ApiKeys.Max(k => k.LatestActivity)),
    };

    private static string? Time(DateTimeOffset? at) => at?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture);
}
