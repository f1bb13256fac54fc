using FluentValidation;

namespace Tiled.Application.Tables.AppendPartition;

internal sealed class AppendPartitionCommandValidator : AbstractValidator<AppendPartitionCommand>
{
    public AppendPartitionCommandValidator() =>
        RuleFor(c => c.Partition).GreaterThanOrEqualTo(0).WithErrorCode("partition-out-of-range").WithMessage("Partition out of range");
}
