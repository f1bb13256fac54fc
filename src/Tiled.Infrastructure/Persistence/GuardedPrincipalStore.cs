using Tiled.Application.Abstractions;
using Tiled.Domain.Principals;

namespace Tiled.Infrastructure.Persistence;

/// <summary>Principals and keys as the application sees them: a database outage is a 503 (<see cref="CatalogGuard"/>).</summary>
internal sealed class GuardedPrincipalStore(IPrincipalStore inner, CatalogGuard guard) : IPrincipalStore
{
    public Task<Principal> CreatePrincipalAsync(PrincipalType type, Role role, string? identity, CancellationToken ct) =>
        guard.WriteAsync(() => inner.CreatePrincipalAsync(type, role, identity, ct));

    public Task<Principal?> FindPrincipalAsync(Guid uuid, CancellationToken ct) =>
        guard.ReadAsync(() => inner.FindPrincipalAsync(uuid, ct));

    public Task<IReadOnlyList<Principal>> ListPrincipalsAsync(int offset, int limit, CancellationToken ct) =>
        guard.ReadAsync(() => inner.ListPrincipalsAsync(offset, limit, ct));

    public Task<StoredApiKey?> FindKeyAsync(string firstEight, CancellationToken ct) =>
        guard.ReadAsync(() => inner.FindKeyAsync(firstEight, ct));

    public Task<bool> AddKeyAsync(Guid principal, ApiKeyInfo key, byte[] hashedSecret, int limit, CancellationToken ct) =>
        guard.WriteAsync(() => inner.AddKeyAsync(principal, key, hashedSecret, limit, ct));

    public Task<bool> RemoveKeyAsync(Guid principal, string firstEight, CancellationToken ct) =>
        guard.WriteAsync(() => inner.RemoveKeyAsync(principal, firstEight, ct));

    public Task TouchKeyAsync(string firstEight, DateTimeOffset at, CancellationToken ct) =>
        guard.WriteAsync(() => inner.TouchKeyAsync(firstEight, at, ct));
}
