namespace Tiled.Formats.Arrow;

/// <summary>
/// A column of a schema: its name (any string, empty allowed), type, nullability flag and custom
/// metadata, all kept exactly as read or given. Fields compare by value. The nullability flag is a
/// declaration only: writers do not refuse nulls in a column whose field says non-nullable.
/// </summary>
public sealed record ArrowField
{
    public ArrowField(string name, ArrowType type, bool nullable = true, ArrowMetadata? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(type);
        Name = name;
        Type = type;
        Nullable = nullable;
        Metadata = metadata ?? ArrowMetadata.Empty;
    }

    public string Name { get; }

    public ArrowType Type { get; }

    public bool Nullable { get; }

    public ArrowMetadata Metadata { get; }

    public override string ToString() => $"{Name}: {Type}{(Nullable ? string.Empty : " not null")}";
}
