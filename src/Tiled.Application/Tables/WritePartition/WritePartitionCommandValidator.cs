using FluentValidation;

namespace Tiled.Application.Tables.WritePartition;

internal sealed class WritePartitionCommandValidator : AbstractValidator<WritePartitionCommand>
{
    public WritePartitionCommandValidator() =>
        RuleFor(c => c.Partition).GreaterThanOrEqualTo(0).WithErrorCode("partition-out-of-range").WithMessage("Partition out of range");
}
