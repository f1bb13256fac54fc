using Tiled.Application.Abstractions;
using Tiled.Application.Common.Errors;
using Tiled.Application.Common.Limits;
using Tiled.Domain.Arrays;
using Tiled.Domain.DataSources;

namespace Tiled.Application.Nodes.CreateNode;

/// <summary>
/// Checks a registered (external) array data source against its files: the files must be readable
/// and inside the allowed directories, and a declared structure must agree with what they hold.
/// </summary>
public sealed class ExternalStructures(IExternalArrayReader reader, InputLimitChecks limits)
{
    public async Task<DataSource> ValidateAsync(DataSource source, CancellationToken ct)
    {
        if (source.Assets.Count == 0)
        {
            throw new InvalidRequestException("An externally managed data source needs at least one asset.");
        }

        var actual = await reader.InspectAsync(source, ct);
        if (source.Structure is not null)
        {
            var declared = ArrayStructure.FromJson(source.Structure);
            if (declared.DataType != actual.DataType || !declared.Shape.SequenceEqual(actual.Shape))
            {
                throw new InvalidRequestException(
                    $"The declared structure (dtype {declared.DataType.ToNumpyString()}, shape ({string.Join(", ", declared.Shape)})) " +
                    $"does not match the data (dtype {actual.DataType.ToNumpyString()}, shape ({string.Join(", ", actual.Shape)})).");
            }

            actual = declared;
        }

        limits.RequireArray(actual);
        return source with { Structure = actual.ToJson() };
    }
}
