using FluentValidation;

namespace Tiled.Application.Tables.ReadTable;

internal sealed class ReadTableQueryValidator : AbstractValidator<ReadTableQuery>
{
    public ReadTableQueryValidator() =>
        RuleFor(q => q.Partition).GreaterThanOrEqualTo(0).When(q => q.Partition is not null)
            .WithErrorCode("partition-out-of-range").WithMessage("Partition out of range");
}
