using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tiled.Api.Auth;
using Tiled.Api.Http;
using Tiled.Api.OpenApi;
using Tiled.Api.Resources;
using Tiled.Application.Common.Errors;
using Tiled.Application.Principals;
using Tiled.Domain.Principals;

namespace Tiled.Api.Endpoints;

/// <summary>API keys and principals (protocol additions §4.5), with the scopes §4.4 gives each route.</summary>
internal static class AuthEndpoints
{
    private const string Tag = "auth";
    private const string KeyWithSecret = "The key's details and its secret (shown only now).";
    private const string KeyWithoutSecret = "The key's first eight characters, scopes, expiry, note and latest activity.";

    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth");
        auth.MapPost("/apikey", CreateOwnKeyAsync)
            .Operation(Tag, "createApiKey", "Create an API key for the current principal (the secret is shown once)")
            .AcceptsJson<CreateApiKeyBody>().Returns(KeyWithSecret, ArrayMediaTypes.Json)
            .RequireScopes(Scopes.CreateApiKeys);
        auth.MapGet("/apikey", CurrentKeyAsync)
            .Operation(Tag, "currentApiKey", "Describe the API key that authenticated this request")
            .Returns(KeyWithoutSecret, ArrayMediaTypes.Json).RequireAuthorization();
        auth.MapDelete("/apikey", RevokeOwnKeyAsync)
            .Operation(Tag, "revokeApiKey", "Revoke one of the current principal's API keys (first_eight)")
            .Returns("Revoked (JSON null).", ArrayMediaTypes.Json)
            .RequireScopes(Scopes.RevokeApiKeys);
        auth.MapGet("/whoami", WhoAmIAsync)
            .Operation(Tag, "whoami", "The current principal with its API keys (null for the single-user key)")
            .Returns("The principal: uuid, type, identities, roles, api_keys.", ArrayMediaTypes.Json).RequireAuthorization();
        auth.MapGet("/principal", ListPrincipalsAsync)
            .Operation(Tag, "listPrincipals", "List principals")
            .WithQuery(QueryParameters.PageOffset, QueryParameters.PageLimit)
            .Returns("The principals.", ArrayMediaTypes.Json).RequireScopes(Scopes.ReadPrincipals);
        auth.MapPost("/principal", CreatePrincipalAsync)
            .Operation(Tag, "createPrincipal", "Create a service principal with a role (role=user|admin)")
            .Returns("The new principal.", ArrayMediaTypes.Json).RequireScopes(Scopes.WritePrincipals);
        auth.MapGet("/principal/{uuid}", GetPrincipalAsync)
            .Operation(Tag, "readPrincipal", "Describe a principal")
            .Returns("The principal.", ArrayMediaTypes.Json).RequireScopes(Scopes.ReadPrincipals);
        auth.MapPost("/principal/{uuid}/apikey", CreateKeyForAsync)
            .Operation(Tag, "createApiKeyFor", "Create an API key for a principal (the secret is shown once)")
            .AcceptsJson<CreateApiKeyBody>().Returns(KeyWithSecret, ArrayMediaTypes.Json)
            .RequireScopes(Scopes.AdminApiKeys);
        auth.MapDelete("/principal/{uuid}/apikey", RevokeKeyOfAsync)
            .Operation(Tag, "revokeApiKeyOf", "Revoke an API key of a principal (first_eight)")
            .Returns("Revoked (JSON null).", ArrayMediaTypes.Json).RequireScopes(Scopes.AdminApiKeys);
        MapSessionRoutes(auth);
        return app;
    }

    /// <summary>
    /// The session links the about document must carry for Tiled's client; this server has API keys
    /// only, so there is never a session to refresh or revoke.
    /// </summary>
    private static void MapSessionRoutes(RouteGroupBuilder auth)
    {
        auth.MapPost("/session/refresh", () => Results.Json(new { detail = "Session has expired. Please re-authenticate." },
                statusCode: StatusCodes.Status401Unauthorized))
            .Operation(Tag, "refreshSession", "No sessions here (API keys only): always 401")
            .Returns("Never: there is no session to refresh.", ArrayMediaTypes.Json).RequireAuthorization();
        auth.MapDelete("/session/revoke/{session_id}", (string session_id) => Results.Json(new { detail = $"No session {session_id}: this server has API keys only." },
                statusCode: StatusCodes.Status404NotFound))
            .Operation(Tag, "revokeSession", "No sessions here (API keys only): always 404")
            .Returns("Never: there is no session to revoke.", ArrayMediaTypes.Json).RequireAuthorization();
        auth.MapPost("/logout", () => JsonResults.Ok(new JsonObject()))
            .Operation(Tag, "logout", "Nothing to end (API keys only): {}")
            .Returns("An empty object.", ArrayMediaTypes.Json).RequireAuthorization();
    }

    private static async Task<IResult> CreateOwnKeyAsync(HttpRequest request, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        await CreateKeyAsync(RequirePrincipal(user), request, mediator, ct);

    private static async Task<IResult> CreateKeyForAsync(string uuid, HttpRequest request, IMediator mediator, CancellationToken ct) =>
        await CreateKeyAsync(ParseUuid(uuid), request, mediator, ct);

    private static async Task<IResult> CreateKeyAsync(Guid principal, HttpRequest request, IMediator mediator, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync(request, ct) as JsonObject
            ?? throw new RequestBodyException("The body must be a JSON object with 'scopes' and 'expires_in'.");
        foreach (var required in new[] { "scopes", "expires_in" })
        {
            if (!body.ContainsKey(required))
            {
                throw new RequestBodyException($"Field required: '{required}' (it may be null).");
            }
        }

        var command = new CreateApiKeyCommand(principal, StringList(body, "scopes"), Seconds(body["expires_in"]),
            Text(body, "note"), StringList(body, "access_tags"));
        return JsonResults.Ok(PrincipalResources.ApiKeyWithSecret(await mediator.Send(command, ct)));
    }

    private static async Task<IResult> CurrentKeyAsync(ClaimsPrincipal user, IMediator mediator, CancellationToken ct)
    {
        var firstEight = user.FindFirstValue(TiledClaims.ApiKey)
            ?? throw new InvalidRequestException("This request used the server's single-user API key, which is not stored in the catalog.");
        var principal = await mediator.Send(new GetPrincipalQuery(RequirePrincipal(user)), ct);
        var key = principal.ApiKeys.FirstOrDefault(k => k.FirstEight == firstEight) ?? throw new NotFoundException(ApiKeys.InvalidApiKey);
        return JsonResults.Ok(PrincipalResources.ApiKey(key));
    }

    private static async Task<IResult> RevokeOwnKeyAsync(string? first_eight, ClaimsPrincipal user, IMediator mediator, CancellationToken ct)
    {
        await mediator.Send(new RevokeApiKeyCommand(RequirePrincipal(user), RequireFirstEight(first_eight)), ct);
        return Results.NoContent();
    }

    private static async Task<IResult> RevokeKeyOfAsync(string uuid, string? first_eight, IMediator mediator, CancellationToken ct)
    {
        await mediator.Send(new RevokeApiKeyCommand(ParseUuid(uuid), RequireFirstEight(first_eight)), ct);
        return Results.NoContent();
    }

    private static async Task<IResult> WhoAmIAsync(ClaimsPrincipal user, IMediator mediator, CancellationToken ct)
    {
        if (PrincipalOf(user) is not { } uuid)
        {
            return JsonResults.Null();
        }

        try
        {
            return JsonResults.Ok(PrincipalResources.Principal(await mediator.Send(new GetPrincipalQuery(uuid), ct)));
        }
        catch (NotFoundException)
        {
            return Results.Json(new { detail = "Principal no longer exists." }, statusCode: StatusCodes.Status401Unauthorized);
        }
    }

    private static async Task<IResult> ListPrincipalsAsync(HttpRequest request, IMediator mediator, CancellationToken ct)
    {
        var offset = QueryParsers.Long(QueryParameters.PageOffset.From(request), QueryParameters.PageOffset.Name, 0);
        var limit = QueryParsers.Long(QueryParameters.PageLimit.From(request), QueryParameters.PageLimit.Name, 100);
        var page = await mediator.Send(new ListPrincipalsQuery((int)Math.Clamp(offset, -1, int.MaxValue), (int)Math.Clamp(limit, -1, int.MaxValue)), ct);
        return JsonResults.Ok(new JsonArray(page.Select(p => (JsonNode?)PrincipalResources.Principal(p)).ToArray()));
    }

    private static async Task<IResult> CreatePrincipalAsync(string? role, IMediator mediator, CancellationToken ct)
    {
        var created = await mediator.Send(new CreatePrincipalCommand(PrincipalType.Service, role ?? Role.User.Name, null), ct);
        return JsonResults.Ok(PrincipalResources.Principal(created));
    }

    private static async Task<IResult> GetPrincipalAsync(string uuid, IMediator mediator, CancellationToken ct) =>
        JsonResults.Ok(PrincipalResources.Principal(await mediator.Send(new GetPrincipalQuery(ParseUuid(uuid)), ct)));

    private static Guid? PrincipalOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(TiledClaims.Principal), out var uuid) ? uuid : null;

    private static Guid RequirePrincipal(ClaimsPrincipal user) => PrincipalOf(user)
        ?? throw new InvalidRequestException("This request used the server's single-user API key, which belongs to no principal.");

    private static Guid ParseUuid(string text) =>
        Guid.TryParse(text, out var uuid) ? uuid : throw new NotFoundException($"No principal {text}.");

    private static string RequireFirstEight(string? firstEight) =>
        firstEight is { Length: >= 8 } ? firstEight : throw new QueryParameterException("first_eight must give the key's first 8 characters.");

    private static IReadOnlyList<string>? StringList(JsonObject body, string name) => body[name] switch
    {
        null => null,
        JsonArray list when list.All(v => v is JsonValue value && value.GetValueKind() == JsonValueKind.String) =>
            list.Select(v => v!.GetValue<string>()).ToList(),
        _ => throw new RequestBodyException($"'{name}' must be a list of strings or null."),
    };

    private static string? Text(JsonObject body, string name) => body[name] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => throw new RequestBodyException($"'{name}' must be a string or null."),
    };

    private static long? Seconds(JsonNode? value) => value switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var seconds) => seconds,
        _ => throw new RequestBodyException("'expires_in' must be a whole number of seconds or null."),
    };
}
