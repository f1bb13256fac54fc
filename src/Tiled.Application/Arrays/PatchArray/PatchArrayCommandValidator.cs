using FluentValidation;

namespace Tiled.Application.Arrays.PatchArray;

internal sealed class PatchArrayCommandValidator : AbstractValidator<PatchArrayCommand>
{
    public const string ExtendRequiresPersist =
        "Cannot PATCH an array with both parameters extend=True and persist=False. To extend the array, you must " +
        "persist the changes. To skip persisting the changes, you must not extend the array.";

    public PatchArrayCommandValidator()
    {
        RuleFor(c => c.Persist).Equal(true).When(c => c.Extend)
            .WithErrorCode("extend-requires-persist").WithMessage(ExtendRequiresPersist);
        RuleFor(c => c.Offset).Must(o => o.All(v => v >= 0)).WithMessage("offset values must be 0 or more.");
        RuleFor(c => c.Shape).Must(s => s.All(v => v >= 0)).WithMessage("shape values must be 0 or more.");
        RuleFor(c => c.Offset.Length).LessThanOrEqualTo(c => c.Shape.Length)
            .WithMessage("offset must not have more dimensions than shape.");
    }
}
