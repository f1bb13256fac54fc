using System.Text.Json.Nodes;

namespace Tiled.Formats.DataTypes;

/// <summary>
/// A built-in numpy-style element type (Tiled's <c>BuiltinDtype</c>): kind character, item size in
/// bytes, byte order and optional datetime units. Values of this type are immutable.
/// </summary>
public sealed record DataType(char Kind, int ItemSize, Endianness Endianness, string? DtUnits = null)
{
    public static DataType Bool { get; } = new('b', 1, Endianness.NotApplicable);
    public static DataType Int8 { get; } = new('i', 1, Endianness.NotApplicable);
    public static DataType UInt8 { get; } = new('u', 1, Endianness.NotApplicable);
    public static DataType Int16 { get; } = new('i', 2, Endianness.Little);
    public static DataType UInt16 { get; } = new('u', 2, Endianness.Little);
    public static DataType Int32 { get; } = new('i', 4, Endianness.Little);
    public static DataType UInt32 { get; } = new('u', 4, Endianness.Little);
    public static DataType Int64 { get; } = new('i', 8, Endianness.Little);
    public static DataType UInt64 { get; } = new('u', 8, Endianness.Little);
    public static DataType Float32 { get; } = new('f', 4, Endianness.Little);
    public static DataType Float64 { get; } = new('f', 8, Endianness.Little);
    public static DataType Complex64 { get; } = new('c', 8, Endianness.Little);
    public static DataType Complex128 { get; } = new('c', 16, Endianness.Little);

    /// <summary>True when values must be byte-swapped to be read on this (little-endian) machine.</summary>
    public bool IsBigEndian => Endianness == Endianness.Big && ItemSize > 1;

    /// <summary>The numpy dtype string, e.g. <c>&lt;i8</c>, <c>|b1</c>, <c>&lt;M8[ns]</c>.</summary>
    public string ToNumpyString()
    {
        var order = Endianness switch
        {
            Endianness.Little => '<',
            Endianness.Big => '>',
            _ => '|',
        };
        var size = Kind == 'U' ? ItemSize / 4 : ItemSize;
        return $"{order}{Kind}{size}{DtUnits}";
    }

    /// <summary>The numpy name printed by reprs, e.g. <c>int64</c>, <c>&gt;f4</c> for non-native orders.</summary>
    public string ToNumpyName()
    {
        var name = (Kind, ItemSize) switch
        {
            ('b', 1) => "bool",
            ('i', _) => $"int{ItemSize * 8}",
            ('u', _) => $"uint{ItemSize * 8}",
            ('f', _) => $"float{ItemSize * 8}",
            ('c', _) => $"complex{ItemSize * 8}",
            _ => null,
        };
        return name is null || IsBigEndian ? ToNumpyString() : name;
    }

    /// <summary>Tiled's JSON form: <c>{"endianness","kind","itemsize","dt_units"}</c>.</summary>
    public JsonObject ToJson() => new()
    {
        ["endianness"] = Endianness switch
        {
            Endianness.Little => "little",
            Endianness.Big => "big",
            _ => "not_applicable",
        },
        ["kind"] = Kind.ToString(),
        ["itemsize"] = ItemSize,
        ["dt_units"] = DtUnits,
    };

    /// <summary>Parses Tiled's JSON form; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static DataType FromJson(JsonNode? node)
    {
        if (node is not JsonObject obj)
        {
            throw new FormatException("data_type must be an object with endianness, kind and itemsize.");
        }

        if (obj.ContainsKey("fields"))
        {
            throw new FormatException("Structured (record) data types are not supported.");
        }

        var kindText = ReadString(obj, "kind");
        if (kindText is not { Length: 1 } || !"biufcMmSUV".Contains(kindText[0], StringComparison.Ordinal))
        {
            throw new FormatException($"data_type.kind '{kindText}' is not a numpy kind.");
        }

        var itemSize = ReadItemSize(obj["itemsize"]);
        if (itemSize <= 0)
        {
            throw new FormatException("data_type.itemsize must be a positive integer.");
        }

        var endianness = ReadString(obj, "endianness") switch
        {
            "little" => Endianness.Little,
            "big" => Endianness.Big,
            "not_applicable" => Endianness.NotApplicable,
            var other => throw new FormatException($"data_type.endianness '{other}' is not little, big or not_applicable."),
        };
        var dtUnits = ReadString(obj, "dt_units");
        return new DataType(kindText[0], itemSize, itemSize == 1 ? Endianness.NotApplicable : endianness, dtUnits);
    }

    // Values built in code (e.g. from decoded msgpack) may hold the number as a long rather than an int.
    private static int ReadItemSize(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<int>(out var n) => n,
        JsonValue v when v.TryGetValue<long>(out var l) && l is > 0 and <= int.MaxValue => (int)l,
        _ => -1,
    };

    private static string? ReadString(JsonObject obj, string key) =>
        obj[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
