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

        var kind = kindText[0];
        var itemSize = ReadItemSize(obj["itemsize"]);
        if (itemSize <= 0)
        {
            throw new FormatException("data_type.itemsize must be a positive integer.");
        }

        if (!IsSupported(kind, itemSize))
        {
            throw new FormatException(
                $"data_type kind '{kind}' with itemsize {itemSize} is not a numpy type this server stores: it takes b of 1 byte, "
                + "i and u of 1, 2, 4 or 8, f of 2, 4 or 8, c of 8 or 16, M and m of 8, S and V of any size, and U of a multiple of 4.");
        }

        var endianness = ReadString(obj, "endianness") switch
        {
            "little" => Endianness.Little,
            "big" => Endianness.Big,
            "not_applicable" => Endianness.NotApplicable,
            var other => throw new FormatException($"data_type.endianness '{other}' is not little, big or not_applicable."),
        };
        return new DataType(kind, itemSize, itemSize == 1 ? Endianness.NotApplicable : endianness, ReadDtUnits(obj["dt_units"], kind));
    }

    /// <summary>
    /// True when numpy has an element type of <paramref name="kind"/> and <paramref name="itemSize"/>
    /// bytes that this server stores: <c>b1</c>; <c>i</c>, <c>u</c> of 1, 2, 4, 8; <c>f</c> of 2, 4, 8;
    /// <c>c</c> of 8, 16; <c>M</c>, <c>m</c> of 8; <c>S</c>, <c>V</c> of any size; <c>U</c> of 4 bytes a character.
    /// </summary>
    public static bool IsSupported(char kind, int itemSize) => kind switch
    {
        'b' => itemSize == 1,
        'i' or 'u' => itemSize is 1 or 2 or 4 or 8,
        'f' => itemSize is 2 or 4 or 8,
        'c' => itemSize is 8 or 16,
        'M' or 'm' => itemSize == 8,
        'S' or 'V' => itemSize > 0,
        'U' => itemSize > 0 && itemSize % 4 == 0,
        _ => false,
    };

    // Datetime units belong to datetimes and timedeltas only; null there means numpy's generic units.
    private static string? ReadDtUnits(JsonNode? node, char kind)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonValue value || !value.TryGetValue<string>(out var units))
        {
            throw new FormatException("data_type.dt_units must be null or a string such as '[ns]'.");
        }

        if (kind is not ('M' or 'm'))
        {
            throw new FormatException($"data_type.dt_units '{units}' is only allowed for datetime (M) and timedelta (m) kinds, not '{kind}'.");
        }

        return DateTimeUnits.IsValid(units)
            ? units
            : throw new FormatException(
                $"data_type.dt_units '{units}' is not a numpy datetime unit such as '[ns]', '[10s]' or '[generic]' "
                + "(a count of 1 to 2147483647 and one of Y, M, W, D, h, m, s, ms, us, ns, ps, fs, as, in brackets).");
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
