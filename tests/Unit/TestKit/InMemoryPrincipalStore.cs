using Tiled.Application.Abstractions;
using Tiled.Domain.Principals;

namespace Tiled.UnitTests.TestKit;

/// <summary>Principals and keys in a dictionary, for unit tests of the key use cases.</summary>
public sealed class InMemoryPrincipalStore : IPrincipalStore
{
    private readonly Dictionary<Guid, Principal> _principals = [];
    private readonly Dictionary<string, (Guid Principal, byte[] Hash)> _hashes = [];

    public Task<Principal> CreatePrincipalAsync(PrincipalType type, Role role, string? identity, CancellationToken ct)
    {
        var principal = new Principal(Guid.NewGuid(), type, identity, [role], [], DateTimeOffset.UnixEpoch);
        _principals[principal.Uuid] = principal;
        return Task.FromResult(principal);
    }

    public Task<Principal?> FindPrincipalAsync(Guid uuid, CancellationToken ct) => Task.FromResult(_principals.GetValueOrDefault(uuid));

    public Task<IReadOnlyList<Principal>> ListPrincipalsAsync(int offset, int limit, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Principal>>(_principals.Values.Skip(offset).Take(limit).ToList());

    public Task<StoredApiKey?> FindKeyAsync(string firstEight, CancellationToken ct)
    {
        if (!_hashes.TryGetValue(firstEight, out var stored))
        {
            return Task.FromResult<StoredApiKey?>(null);
        }

        var principal = _principals[stored.Principal];
        return Task.FromResult<StoredApiKey?>(new StoredApiKey(principal.ApiKeys.Single(k => k.FirstEight == firstEight), stored.Hash, principal));
    }

    public Task<bool> AddKeyAsync(Guid principal, ApiKeyInfo key, byte[] hashedSecret, int limit, CancellationToken ct)
    {
        var owner = _principals[principal];
        if (owner.ApiKeys.Count >= limit)
        {
            return Task.FromResult(false);
        }

        _principals[principal] = owner with { ApiKeys = [.. owner.ApiKeys, key] };
        _hashes[key.FirstEight] = (principal, hashedSecret);
        return Task.FromResult(true);
    }

    public Task<bool> RemoveKeyAsync(Guid principal, string firstEight, CancellationToken ct)
    {
        if (!_hashes.TryGetValue(firstEight, out var stored) || stored.Principal != principal)
        {
            return Task.FromResult(false);
        }

        _hashes.Remove(firstEight);
        var owner = _principals[principal];
        _principals[principal] = owner with { ApiKeys = owner.ApiKeys.Where(k => k.FirstEight != firstEight).ToList() };
        return Task.FromResult(true);
    }

    public Task TouchKeyAsync(string firstEight, DateTimeOffset at, CancellationToken ct)
    {
        var principal = _principals[_hashes[firstEight].Principal];
        _principals[principal.Uuid] = principal with
        {
            ApiKeys = principal.ApiKeys.Select(k => k.FirstEight == firstEight ? k with { LatestActivity = at } : k).ToList(),
        };
        return Task.CompletedTask;
    }
}
