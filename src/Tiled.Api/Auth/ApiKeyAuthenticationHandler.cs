using Tiled.Domain.Principals;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tiled.Api.Auth;

/// <summary>
/// The <c>Apikey</c> authentication scheme: turns the credentials a request presents into a
/// principal holding the key's scopes. It only identifies the caller; what each endpoint needs is
/// decided by its authorization policy (<see cref="ScopeRequirement"/>), so no spelling of a path
/// can skip the check. The <c>tiled_api_key</c> cookie counts only for GET and HEAD on HTTP routes:
/// a write never rides on a cookie, so no other site can forge one in a visitor's name.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    CredentialVerifier verifier) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Apikey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var webSocket = Context.GetEndpoint()?.Metadata.GetMetadata<WebSocketCredentials>() is not null;
        var allowCookie = !webSocket && (HttpMethods.IsGet(Request.Method) || HttpMethods.IsHead(Request.Method));
        var credential = ApiKeys.ReadFromHttp(Request, allowCookie);
        if (credential.FailureStatus is { } status)
        {
            return Refuse(webSocket
                ? new CredentialFailure(StatusCodes.Status400BadRequest, WebSocketCredentials.SchemeDetail)
                : new CredentialFailure(status, credential.FailureDetail ?? ""));
        }

        if (credential.ApiKey is not { } key)
        {
            return AuthenticateResult.NoResult();
        }

        if (await verifier.VerifyAsync(key, Context.RequestAborted) is not { } identity)
        {
            return Refuse(new CredentialFailure(StatusCodes.Status401Unauthorized, ApiKeys.InvalidApiKey));
        }

        if (!webSocket && Request.Query.ContainsKey("api_key"))
        {
            // Tiled sets the cookie for a key given in the URL, so a browser's next GETs carry it.
            Response.Cookies.Append(ApiKeys.CookieName, key,
                new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Path = "/" });
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private AuthenticateResult Refuse(CredentialFailure failure)
    {
        Context.Items[typeof(CredentialFailure)] = failure;
        return AuthenticateResult.Fail(failure);
    }
}
