using MediatR;
using Tiled.Application.Abstractions;
using Tiled.Application.Common.Errors;
using Tiled.Domain.Principals;

namespace Tiled.Application.Principals;

internal sealed class CreateApiKeyHandler(IPrincipalStore store, TimeProvider clock) : IRequestHandler<CreateApiKeyCommand, NewApiKey>
{
    /// <summary>Tiled's <c>API_KEY_LIMIT</c>.</summary>
    public const int KeyLimit = 100;

    public const int MaxNoteLength = 1000;

    public async Task<NewApiKey> Handle(CreateApiKeyCommand request, CancellationToken cancellationToken)
    {
        var principal = await store.FindPrincipalAsync(request.Principal, cancellationToken)
            ?? throw new NotFoundException($"No principal {request.Principal:D}.");
        if (request.AccessTags is { Count: > 0 })
        {
            throw new InvalidRequestException("access_tags are not supported: this server has no access policy that reads them.");
        }

        if (request.Note is { Length: > MaxNoteLength })
        {
            throw new InvalidRequestException($"The note is longer than {MaxNoteLength} characters.");
        }

        var scopes = request.Scopes?.Distinct(StringComparer.Ordinal).ToList() ?? [Scopes.Inherit];
        var allowed = principal.Scopes.Append(Scopes.Inherit).ToHashSet(StringComparer.Ordinal);
        if (scopes.Where(s => !allowed.Contains(s)).ToList() is { Count: > 0 } extra)
        {
            throw new ForbiddenException(
                $"Requested scopes {string.Join(", ", extra)} are beyond those of the principal ({string.Join(", ", principal.Scopes.Order())}).");
        }

        var now = clock.GetUtcNow();
        var expires = request.ExpiresIn switch
        {
            null => (DateTimeOffset?)null,
            <= 0 => throw new InvalidRequestException("expires_in must be a positive number of seconds, or null for a key that never expires."),
            > 100L * 365 * 86400 => throw new InvalidRequestException("expires_in must be at most 100 years."),
            { } seconds => now.AddSeconds(seconds),
        };
        var secret = ApiKeySecrets.Generate();
        var key = new ApiKeyInfo(ApiKeySecrets.FirstEight(secret), expires, request.Note, scopes, null);
        if (!await store.AddKeyAsync(principal.Uuid, key, ApiKeySecrets.Hash(secret)!, KeyLimit, cancellationToken))
        {
            throw new InvalidRequestException($"This principal already has {KeyLimit} API keys; revoke one first.");
        }

        return new NewApiKey(key, secret);
    }
}
