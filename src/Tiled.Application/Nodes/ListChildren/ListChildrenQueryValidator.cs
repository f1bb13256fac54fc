using FluentValidation;

namespace Tiled.Application.Nodes.ListChildren;

internal sealed class ListChildrenQueryValidator : AbstractValidator<ListChildrenQuery>
{
    public ListChildrenQueryValidator()
    {
        RuleFor(q => q.Offset).GreaterThanOrEqualTo(0).WithMessage("page[offset] must be 0 or more.");
        RuleFor(q => q.Limit).InclusiveBetween(0, ListChildrenQuery.MaxLimit)
            .WithMessage($"page[limit] must be between 0 and {ListChildrenQuery.MaxLimit}.");
        RuleFor(q => q.Cursor).GreaterThanOrEqualTo(0).When(q => q.Cursor is not null).WithMessage("page[cursor] must be 0 or more.");
    }
}
