using FluentValidation;

namespace Tiled.Application.DataSources.PutDataSource;

internal sealed class PutDataSourceCommandValidator : AbstractValidator<PutDataSourceCommand>
{
    public PutDataSourceCommandValidator()
    {
        RuleFor(c => c.PatchOffset).NotNull().When(c => c.PatchShape is not null)
            .WithMessage("The query parameters patch_shape and patch_offset go together: give both or neither.");
        RuleFor(c => c.PatchShape).NotNull().When(c => c.PatchOffset is not null)
            .WithMessage("The query parameters patch_shape and patch_offset go together: give both or neither.");
        RuleFor(c => c.Source.Id).NotNull().WithMessage("data_source.id names the data source to replace and is required.");
    }
}
