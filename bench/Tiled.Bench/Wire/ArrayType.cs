namespace Tiled.Bench.Wire;

/// <summary>A built-in Tiled dtype (protocol §4.1).</summary>
internal sealed record ArrayType(string Kind, int ItemSize)
{
    public static ArrayType Float64 { get; } = new("f", 8);

    public static ArrayType Int64 { get; } = new("i", 8);

    public static ArrayType UInt32 { get; } = new("u", 4);

    public string Endianness => ItemSize == 1 ? "not_applicable" : "little";
}
