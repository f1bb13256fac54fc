using MediatR;
using Tiled.Application.Abstractions;
using Tiled.Application.Common.Errors;
using Tiled.Domain.Principals;

namespace Tiled.Application.Principals;

/// <summary>Makes a principal with one role (<c>tiled admin create-principal</c>, <c>POST /auth/principal</c>).</summary>
public sealed record CreatePrincipalCommand(PrincipalType Type, string Role, string? Identity) : IRequest<Principal>;

internal sealed class CreatePrincipalHandler(IPrincipalStore store) : IRequestHandler<CreatePrincipalCommand, Principal>
{
    public const int MaxIdentityLength = 255;

    public Task<Principal> Handle(CreatePrincipalCommand request, CancellationToken cancellationToken)
    {
        var role = Domain.Principals.Role.Find(request.Role)
            ?? throw new InvalidRequestException($"No role '{request.Role}'; the roles are {string.Join(", ", Domain.Principals.Role.All.Select(r => r.Name))}.");
        if (request.Identity is { } identity && (identity.Length is 0 or > MaxIdentityLength || identity.Any(char.IsControl)))
        {
            throw new InvalidRequestException($"An identity is 1 to {MaxIdentityLength} printable characters.");
        }

        return store.CreatePrincipalAsync(request.Type, role, request.Identity, cancellationToken);
    }
}
