using MediatR;
using Tiled.Application.Abstractions;
using Tiled.Application.Common.Errors;
using Tiled.Domain.Principals;

namespace Tiled.Application.Principals;

/// <summary>A page of principals, oldest first.</summary>
public sealed record ListPrincipalsQuery(int Offset, int Limit) : IRequest<IReadOnlyList<Principal>>
{
    public const int MaxLimit = 300;
}

internal sealed class ListPrincipalsHandler(IPrincipalStore store) : IRequestHandler<ListPrincipalsQuery, IReadOnlyList<Principal>>
{
    private const int MaxLimit = ListPrincipalsQuery.MaxLimit;

    public Task<IReadOnlyList<Principal>> Handle(ListPrincipalsQuery request, CancellationToken cancellationToken)
    {
        if (request.Offset < 0 || request.Limit < 0 || request.Limit > MaxLimit)
        {
            throw new InvalidRequestException($"page[offset] must be at least 0 and page[limit] between 0 and {MaxLimit}.");
        }

        return store.ListPrincipalsAsync(request.Offset, request.Limit, cancellationToken);
    }
}
