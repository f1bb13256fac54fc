using System.Security.Claims;
using Tiled.Application.Principals;
using Tiled.Domain.Principals;

namespace Tiled.Api.Auth;

/// <summary>
/// Checks a presented API key: the server's single-user key (compared in constant time, no database
/// read) or a key stored in the catalog for a principal. Used by HTTP authentication and by the
/// WebSocket's first-message authentication alike.
/// </summary>
internal sealed class CredentialVerifier(ApiKeyOptions keys, ApiKeyAuthenticator stored)
{
    /// <summary>The identity the key grants, or null when it is no valid key.</summary>
    public async Task<ClaimsIdentity?> VerifyAsync(string key, CancellationToken ct)
    {
        if (ApiKeys.Matches(key, keys.ApiKey))
        {
            return Identity(Scopes.SingleUser, []);
        }

        if (await stored.AuthenticateAsync(key, ct) is not { } found)
        {
            return null;
        }

        return Identity(found.Scopes, [
            new Claim(TiledClaims.Principal, found.Principal.ToString("D")),
            new Claim(TiledClaims.ApiKey, found.FirstEight),
        ]);
    }

    private static ClaimsIdentity Identity(IEnumerable<string> scopes, IEnumerable<Claim> extra) =>
        new(scopes.Select(s => new Claim(TiledClaims.Scope, s)).Concat(extra), ApiKeyAuthenticationHandler.SchemeName);
}
