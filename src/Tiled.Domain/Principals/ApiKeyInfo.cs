namespace Tiled.Domain.Principals;

/// <summary>What may be shown of an API key: never its secret.</summary>
public sealed record ApiKeyInfo(
    string FirstEight,
    DateTimeOffset? ExpirationTime,
    string? Note,
    IReadOnlyList<string> Scopes,
    DateTimeOffset? LatestActivity)
{
    public bool IsExpired(DateTimeOffset now) => ExpirationTime is { } expires && expires <= now;

    /// <summary>
    /// What a request with this key may do now (§4.2): its scopes limited to its principal's, with
    /// <c>inherit</c> standing for all of the principal's current scopes.
    /// </summary>
    public IReadOnlySet<string> EffectiveScopes(IReadOnlySet<string> principalScopes) =>
        Scopes.Contains(Principals.Scopes.Inherit)
            ? principalScopes
            : Scopes.Where(principalScopes.Contains).ToHashSet(StringComparer.Ordinal);
}
