using MediatR;
using Tiled.Application.Abstractions;
using Tiled.Application.Common.Errors;
using Tiled.Domain.Principals;

namespace Tiled.Application.Principals;

/// <summary>One principal with its keys (404 when there is none).</summary>
public sealed record GetPrincipalQuery(Guid Uuid) : IRequest<Principal>;

internal sealed class GetPrincipalHandler(IPrincipalStore store) : IRequestHandler<GetPrincipalQuery, Principal>
{
    public async Task<Principal> Handle(GetPrincipalQuery request, CancellationToken cancellationToken) =>
        await store.FindPrincipalAsync(request.Uuid, cancellationToken) ?? throw new NotFoundException($"No principal {request.Uuid:D}.");
}
