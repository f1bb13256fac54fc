namespace Tiled.Domain.Principals;

/// <summary>Who holds API keys: a user or a service, with roles that decide what its keys may do.</summary>
public sealed record Principal(
    Guid Uuid,
    PrincipalType Type,
    string? Identity,
    IReadOnlyList<Role> Roles,
    IReadOnlyList<ApiKeyInfo> ApiKeys,
    DateTimeOffset Created)
{
    /// <summary>The union of its roles' scopes.</summary>
    public IReadOnlySet<string> Scopes => Roles.SelectMany(r => r.Scopes).ToHashSet(StringComparer.Ordinal);
}

public enum PrincipalType
{
    User,
    Service,
}
