using Tiled.Domain.Principals;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Tiled.Api.Http;
using Tiled.Api.Resources;

namespace Tiled.Api.Auth;

/// <summary>
/// Answers refused requests as Tiled does: refused credentials with their own status and detail
/// ("Invalid API key"), missing scopes with "Not enough permissions. Requires scopes [...].
/// Request had scopes [...]" plus <c>WWW-Authenticate</c> and <c>X-Tiled-Root</c>: 401 without
/// credentials (as Tiled), 403 for a valid key that lacks a scope.
/// </summary>
internal sealed class AuthorizationResponses(ApiKeyOptions keys) : IAuthorizationMiddlewareResultHandler
{
    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded)
        {
            await next(context);
            return;
        }

        if (RequestScopes.Refusal(context) is { } refusal)
        {
            await ErrorResponses.WriteAsync(context, refusal.Status, refusal.Message);
            return;
        }

        var required = policy.Requirements.OfType<ScopeRequirement>().SelectMany(r => r.Required).Distinct().Order(StringComparer.Ordinal).ToList();
        var held = RequestScopes.Of(context, keys).Order(StringComparer.Ordinal).ToList();
        context.Response.Headers.WWWAuthenticate = $"Bearer scope=\"{string.Join(' ', required)}\"";
        context.Response.Headers["X-Tiled-Root"] = ApiLinks.Base(context.Request);
        // Known but not allowed is 403 (issue #13); no credentials at all stays Tiled's 401.
        var authenticated = context.User.Identity?.IsAuthenticated == true;
        await ErrorResponses.WriteAsync(context, authenticated ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized,
            $"Not enough permissions. Requires scopes [{Quote(required)}]. Request had scopes [{Quote(held)}]."
            + (authenticated ? "" : NoCredentialsHint(context.Request)));
    }

    private static string Quote(IEnumerable<string> scopes) => string.Join(", ", scopes.Select(s => $"'{s}'"));

    private static string NoCredentialsHint(HttpRequest request) =>
        request.Cookies.ContainsKey(ApiKeys.CookieName) && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)
            ? " The tiled_api_key cookie is accepted only for reads (GET): send 'Authorization: Apikey KEY'."
            : " Send an API key: 'Authorization: Apikey KEY' or '?api_key=KEY'.";
}
