using MediatR;
using Tiled.Application.Abstractions;
using Tiled.Application.Common.Errors;

namespace Tiled.Application.Principals;

/// <summary>Revokes one key of <paramref name="Principal"/>, named by its first eight characters.</summary>
public sealed record RevokeApiKeyCommand(Guid Principal, string FirstEight) : IRequest<Unit>;

internal sealed class RevokeApiKeyHandler(IPrincipalStore store) : IRequestHandler<RevokeApiKeyCommand, Unit>
{
    public async Task<Unit> Handle(RevokeApiKeyCommand request, CancellationToken cancellationToken)
    {
        var firstEight = request.FirstEight.Length >= 8 ? request.FirstEight[..8].ToLowerInvariant() : request.FirstEight;
        if (!await store.RemoveKeyAsync(request.Principal, firstEight, cancellationToken))
        {
            throw new NotFoundException("The currently-authenticated user has no such API key.");
        }

        return Unit.Value;
    }
}
