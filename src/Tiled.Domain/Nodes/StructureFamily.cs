namespace Tiled.Domain.Nodes;

/// <summary>What kind of data a node holds; serialized in lower case as Tiled does.</summary>
public enum StructureFamily
{
    Container,
    Array,
    Table,
}
