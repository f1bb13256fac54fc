using Tiled.Domain.Principals;

namespace Tiled.Application.Abstractions;

/// <summary>Principals and their API keys, kept in the catalog database. Keys are stored only as hashes.</summary>
public interface IPrincipalStore
{
    Task<Principal> CreatePrincipalAsync(PrincipalType type, Role role, string? identity, CancellationToken ct);

    /// <summary>The principal with its keys, or null.</summary>
    Task<Principal?> FindPrincipalAsync(Guid uuid, CancellationToken ct);

    Task<IReadOnlyList<Principal>> ListPrincipalsAsync(int offset, int limit, CancellationToken ct);

    /// <summary>The key whose first eight characters are <paramref name="firstEight"/>, with its hash and principal, or null.</summary>
    Task<StoredApiKey?> FindKeyAsync(string firstEight, CancellationToken ct);

    /// <summary>Stores a new key of <paramref name="principal"/> unless it already has <paramref name="limit"/> keys (then false).</summary>
    Task<bool> AddKeyAsync(Guid principal, ApiKeyInfo key, byte[] hashedSecret, int limit, CancellationToken ct);

    /// <summary>Removes a key of <paramref name="principal"/>; false when it has no such key.</summary>
    Task<bool> RemoveKeyAsync(Guid principal, string firstEight, CancellationToken ct);

    Task TouchKeyAsync(string firstEight, DateTimeOffset at, CancellationToken ct);
}

/// <summary>A stored key as the authenticator needs it.</summary>
public sealed record StoredApiKey(ApiKeyInfo Info, byte[] HashedSecret, Principal Principal);
