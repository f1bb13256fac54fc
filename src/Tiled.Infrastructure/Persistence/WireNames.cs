using Tiled.Domain.DataSources;
using Tiled.Domain.Nodes;

namespace Tiled.Infrastructure.Persistence;

/// <summary>Enums are stored under Tiled's lower-case names, so the tables read like Tiled's own.</summary>
internal static class WireNames
{
    public static string Of(StructureFamily family) => family.ToString().ToLowerInvariant();

    public static string Of(Management management) => management.ToString().ToLowerInvariant();

    public static StructureFamily Family(string name) =>
        Enum.TryParse<StructureFamily>(name, ignoreCase: true, out var family) && Enum.IsDefined(family)
            ? family
            : throw new InvalidOperationException($"The catalog holds an unknown structure family '{name}'.");

    public static Management Management(string name) =>
        Enum.TryParse<Management>(name, ignoreCase: true, out var management) && Enum.IsDefined(management)
            ? management
            : throw new InvalidOperationException($"The catalog holds an unknown management '{name}'.");
}
