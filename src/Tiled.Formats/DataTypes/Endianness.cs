namespace Tiled.Formats.DataTypes;

/// <summary>Byte order of an array element, as Tiled names it on the wire.</summary>
public enum Endianness
{
    Little,
    Big,
    NotApplicable,
}
