using Tiled.Application.Abstractions;
using Tiled.Domain.Principals;

namespace Tiled.Infrastructure.Persistence;

/// <summary>Principals and keys as the application sees them: a database outage is a 503 (<see cref="CatalogGuard"/>).</summary>
internal sealed class GuardedPrincipalStore(IPrincipalStore inner, CatalogGuard guard) : IPrincipalStore
{
    public Task<Principal> CreatePrincipalAsync(PrincipalType type, Role role, string? identity, CancellationToken ct) =>
        guard.WriteAsync(t => inner.CreatePrincipalAsync(type, role, identity, t), ct);

    public Task<Principal?> FindPrincipalAsync(Guid uuid, CancellationToken ct) =>
        guard.ReadAsync(t => inner.FindPrincipalAsync(uuid, t), ct);

    public Task<IReadOnlyList<Principal>> ListPrincipalsAsync(int offset, int limit, CancellationToken ct) =>
        guard.ReadAsync(t => inner.ListPrincipalsAsync(offset, limit, t), ct);

    public Task<StoredApiKey?> FindKeyAsync(string firstEight, CancellationToken ct) =>
        guard.ReadAsync(t => inner.FindKeyAsync(firstEight, t), ct);

    public Task<bool> AddKeyAsync(Guid principal, ApiKeyInfo key, byte[] hashedSecret, int limit, CancellationToken ct) =>
        guard.WriteAsync(t => inner.AddKeyAsync(principal, key, hashedSecret, limit, t), ct);

    public Task<bool> RemoveKeyAsync(Guid principal, string firstEight, CancellationToken ct) =>
        guard.WriteAsync(t => inner.RemoveKeyAsync(principal, firstEight, t), ct);

    public Task TouchKeyAsync(string firstEight, DateTimeOffset at, CancellationToken ct) =>
        guard.WriteAsync(t => inner.TouchKeyAsync(firstEight, at, t), ct);
}
