namespace Tiled.Domain.Nodes;

/// <summary>Tiled's lower-case names of structure families.</summary>
public static class StructureFamilyNames
{
    public static string ToWire(this StructureFamily family) => family switch
    {
        StructureFamily.Container => "container",
        StructureFamily.Array => "array",
        StructureFamily.Table => "table",
        _ => throw new ArgumentOutOfRangeException(nameof(family)),
    };

    /// <summary>Parses a wire name; null for a family we do not serve.</summary>
    public static StructureFamily? Parse(string? name) => name switch
    {
        "container" => StructureFamily.Container,
        "array" => StructureFamily.Array,
        "table" => StructureFamily.Table,
        _ => null,
    };
}
