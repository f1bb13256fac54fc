using Tiled.Domain.Principals;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace Tiled.Api.Auth;

/// <summary>
/// Grants a <see cref="ScopeRequirement"/> when the request's scopes hold every required one. A
/// request without credentials holds the public scopes on a public server and none otherwise (a
/// WebSocket subscription without them goes on to first-frame authentication); refused credentials
/// hold nothing, whatever the server's mode.
/// </summary>
internal sealed class ScopeAuthorizationHandler(ApiKeyOptions keys) : AuthorizationHandler<ScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        var http = context.Resource as HttpContext;
        if (http is null || RequestScopes.Refusal(http) is not null)
        {
            return Task.CompletedTask;
        }

        if (http.User.Identity?.IsAuthenticated != true && !keys.AllowAnonymousReads
            && http.GetEndpoint()?.Metadata.GetMetadata<WebSocketCredentials>() is not null)
        {
            // No credentials on a subscription to a private server: the first frame will carry them,
            // and FirstMessageAuthenticator checks their scopes.
            context.Succeed(requirement);
            return Task.CompletedTask;
        }

        var held = RequestScopes.Of(http, keys);
        if (requirement.Required.All(held.Contains))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>The scopes a request holds, as decided by authentication.</summary>
internal static class RequestScopes
{
    public static IReadOnlySet<string> Of(HttpContext context, ApiKeyOptions keys)
    {
        if (context.User.Identity?.IsAuthenticated == true)
        {
            return context.User.FindAll(TiledClaims.Scope).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        }

        return keys.AllowAnonymousReads ? Scopes.Public : new HashSet<string>();
    }

    /// <summary>The refusal of presented credentials (wrong key, unknown scheme), if any.</summary>
    public static CredentialFailure? Refusal(HttpContext context) =>
        context.Items.TryGetValue(typeof(CredentialFailure), out var failure) ? failure as CredentialFailure : null;
}
