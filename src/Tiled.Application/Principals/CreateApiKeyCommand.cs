using MediatR;
using Tiled.Domain.Principals;

namespace Tiled.Application.Principals;

/// <summary>
/// Makes a new key for <paramref name="Principal"/> (<c>POST /auth/apikey</c>, or an administrator's
/// <c>POST /auth/principal/{uuid}/apikey</c>). <paramref name="Scopes"/> null means <c>inherit</c>;
/// <paramref name="ExpiresIn"/> is in seconds, null for never.
/// </summary>
public sealed record CreateApiKeyCommand(Guid Principal, IReadOnlyList<string>? Scopes, long? ExpiresIn, string? Note,
    IReadOnlyList<string>? AccessTags) : IRequest<NewApiKey>;

/// <summary>A key just made: the only time its secret is shown.</summary>
public sealed record NewApiKey(ApiKeyInfo Key, string Secret);
