using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tiled.Application.Abstractions;
using Tiled.Domain.Principals;
using Tiled.Infrastructure.Persistence.Rows;

namespace Tiled.Infrastructure.Persistence;

/// <summary>Principals and API keys in the catalog database (tables <c>principals</c> and <c>api_keys</c>).</summary>
internal sealed class EfPrincipalStore(IDbContextFactory<TiledDbContext> factory, TimeProvider clock) : IPrincipalStore
{
    public async Task<Principal> CreatePrincipalAsync(PrincipalType type, Role role, string? identity, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = new PrincipalRow
        {
            Uuid = Guid.NewGuid(),
            Type = type == PrincipalType.Service ? "service" : "user",
            Identity = identity,
            Roles = JsonSerializer.Serialize(new[] { role.Name }),
            TimeCreated = Rounded(clock.GetUtcNow()),
        };
        db.Principals.Add(row);
        await db.SaveChangesAsync(ct);
        return ToPrincipal(row);
    }

    public async Task<Principal?> FindPrincipalAsync(Guid uuid, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.Principals.AsNoTracking().Include(p => p.ApiKeys.OrderBy(k => k.FirstEight))
            .SingleOrDefaultAsync(p => p.Uuid == uuid, ct);
        return row is null ? null : ToPrincipal(row);
    }

    public async Task<IReadOnlyList<Principal>> ListPrincipalsAsync(int offset, int limit, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Principals.AsNoTracking().Include(p => p.ApiKeys.OrderBy(k => k.FirstEight))
            .OrderBy(p => p.Id).Skip(offset).Take(limit).ToListAsync(ct);
        return rows.Select(ToPrincipal).ToList();
    }

    public async Task<StoredApiKey?> FindKeyAsync(string firstEight, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.ApiKeys.AsNoTracking().Include(k => k.Principal).SingleOrDefaultAsync(k => k.FirstEight == firstEight, ct);
        return row is null ? null : new StoredApiKey(ToInfo(row), row.HashedSecret, ToPrincipal(row.Principal));
    }

    public async Task<bool> AddKeyAsync(Guid principal, ApiKeyInfo key, byte[] hashedSecret, int limit, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var owner = await db.Principals.SingleAsync(p => p.Uuid == principal, ct);
        if (await db.ApiKeys.CountAsync(k => k.PrincipalId == owner.Id, ct) >= limit)
        {
            return false;
        }

        db.ApiKeys.Add(new ApiKeyRow
        {
            FirstEight = key.FirstEight,
            HashedSecret = hashedSecret,
            ExpirationTime = key.ExpirationTime,
            Note = key.Note,
            Scopes = JsonSerializer.Serialize(key.Scopes),
            PrincipalId = owner.Id,
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    public async Task<bool> RemoveKeyAsync(Guid principal, string firstEight, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.ApiKeys.Where(k => k.FirstEight == firstEight && k.Principal.Uuid == principal).ExecuteDeleteAsync(ct) > 0;
    }

    public async Task TouchKeyAsync(string firstEight, DateTimeOffset at, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rounded = Rounded(at);
        await db.ApiKeys.Where(k => k.FirstEight == firstEight).ExecuteUpdateAsync(s => s.SetProperty(k => k.LatestActivity, rounded), ct);
    }

    private static Principal ToPrincipal(PrincipalRow row) => new(
        row.Uuid,
        row.Type == "service" ? PrincipalType.Service : PrincipalType.User,
        row.Identity,
        (JsonSerializer.Deserialize<string[]>(row.Roles) ?? []).Select(Role.Find).OfType<Role>().ToList(),
        row.ApiKeys.Select(ToInfo).ToList(),
        row.TimeCreated);

    private static ApiKeyInfo ToInfo(ApiKeyRow row) =>
        new(row.FirstEight, row.ExpirationTime, row.Note, JsonSerializer.Deserialize<string[]>(row.Scopes) ?? [], row.LatestActivity);

    // PostgreSQL keeps microseconds.
    private static DateTimeOffset Rounded(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % 10), TimeSpan.Zero);
}
