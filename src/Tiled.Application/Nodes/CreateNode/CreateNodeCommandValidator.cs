using FluentValidation;
using Tiled.Domain.DataSources;
using Tiled.Domain.Nodes;

namespace Tiled.Application.Nodes.CreateNode;

internal sealed class CreateNodeCommandValidator : AbstractValidator<CreateNodeCommand>
{
    public CreateNodeCommandValidator()
    {
        RuleFor(c => c.DataSources).Empty().When(c => c.Family == StructureFamily.Container)
            .WithMessage("A container takes no data sources.");
        RuleFor(c => c.DataSources.Count).Equal(1).When(c => c.Family != StructureFamily.Container)
            .WithMessage("A node other than a container needs exactly one data source.");
        RuleForEach(c => c.DataSources).Must((c, s) => s.StructureFamily == c.Family)
            .WithMessage("The data source's structure_family must match the node's.");
        RuleForEach(c => c.DataSources).Must(s => s.Management == Management.Writable).When(c => !c.Register)
            .WithMessage("Only writable data sources can be created here; register external data with POST /api/v1/register/.");
        RuleForEach(c => c.DataSources).Must(s => s.Assets.Count == 0).When(c => !c.Register)
            .WithMessage("Data sources with assets must be registered with POST /api/v1/register/.");
        RuleForEach(c => c.DataSources).Must(s => s.Management == Management.External).When(c => c.Register)
            .WithMessage("Registered data sources must have management 'external'.");
    }
}
