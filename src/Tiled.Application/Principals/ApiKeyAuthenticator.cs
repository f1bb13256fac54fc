using System.Security.Cryptography;
using Tiled.Application.Abstractions;
using Tiled.Domain.Principals;

namespace Tiled.Application.Principals;

/// <summary>
/// Turns a presented secret into the principal and scopes it grants, reading the catalog on every
/// call, so a revoked or expired key is refused at once by every server process.
/// </summary>
public sealed class ApiKeyAuthenticator(IPrincipalStore store, TimeProvider clock)
{
    // Tiled records every use; once a minute is enough to tell when a key was last used.
    private static readonly TimeSpan ActivityResolution = TimeSpan.FromMinutes(1);

    /// <summary>The key's identity, or null when no stored, unexpired key has this secret.</summary>
    public async Task<ApiKeyIdentity?> AuthenticateAsync(string secret, CancellationToken ct)
    {
        if (ApiKeySecrets.Hash(secret) is not { } hash || await store.FindKeyAsync(ApiKeySecrets.FirstEight(secret), ct) is not { } stored)
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(hash, stored.HashedSecret))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (stored.Info.IsExpired(now))
        {
            await store.RemoveKeyAsync(stored.Principal.Uuid, stored.Info.FirstEight, CancellationToken.None);
            return null;
        }

        if (stored.Info.LatestActivity is not { } last || now - last >= ActivityResolution)
        {
            await store.TouchKeyAsync(stored.Info.FirstEight, now, CancellationToken.None);
        }

        return new ApiKeyIdentity(stored.Principal.Uuid, stored.Info.FirstEight, stored.Info.EffectiveScopes(stored.Principal.Scopes));
    }
}

/// <summary>Who a request with an API key acts for, and what it may do.</summary>
public sealed record ApiKeyIdentity(Guid Principal, string FirstEight, IReadOnlySet<string> Scopes);
