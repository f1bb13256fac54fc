namespace Tiled.Formats.Arrow;

/// <summary>
/// The type of a column: one of the <see cref="ArrowTypeId"/> values, plus the unit of temporal
/// types, the time zone of timestamps, the precision and scale of decimals, the index and value
/// types of dictionaries and the child fields of lists and structs. Instances compare by value, and
/// <see cref="ToString"/> gives pyarrow's spelling (<c>int64</c>, <c>double</c>, <c>string</c>,
/// <c>timestamp[ns, tz=UTC]</c>, <c>decimal128(10, 2)</c>, <c>list&lt;item: int64&gt;</c> ...). An
/// empty time zone is stored as null (Arrow treats both as "naive").
/// </summary>
public sealed partial record ArrowType
{
    private ArrowType(ArrowTypeId id, ArrowTimeUnit? unit = null, string? timeZone = null)
    {
        Id = id;
        Unit = unit;
        TimeZone = string.IsNullOrEmpty(timeZone) ? null : timeZone;
        (BitWidth, IsSigned) = id switch
        {
            ArrowTypeId.Bool => (1, false),
            ArrowTypeId.Int8 => (8, true),
            ArrowTypeId.UInt8 => (8, false),
            ArrowTypeId.Int16 => (16, true),
            ArrowTypeId.UInt16 => (16, false),
            ArrowTypeId.Float16 => (16, true),
            ArrowTypeId.Int32 or ArrowTypeId.Date32 or ArrowTypeId.Time32 or ArrowTypeId.Float32 => (32, true),
            ArrowTypeId.UInt32 => (32, false),
            ArrowTypeId.UInt64 => (64, false),
            ArrowTypeId.Utf8 or ArrowTypeId.Binary or ArrowTypeId.LargeUtf8 or ArrowTypeId.LargeBinary => (0, false),
            ArrowTypeId.List or ArrowTypeId.Struct or ArrowTypeId.Dictionary => (0, false),
            ArrowTypeId.Decimal128 => (128, true),
            ArrowTypeId.Decimal256 => (256, true),
            _ => (64, true),
        };
    }

    public static ArrowType Bool { get; } = new(ArrowTypeId.Bool);

    public static ArrowType Int8 { get; } = new(ArrowTypeId.Int8);

    public static ArrowType Int16 { get; } = new(ArrowTypeId.Int16);

    public static ArrowType Int32 { get; } = new(ArrowTypeId.Int32);

    public static ArrowType Int64 { get; } = new(ArrowTypeId.Int64);

    public static ArrowType UInt8 { get; } = new(ArrowTypeId.UInt8);

    public static ArrowType UInt16 { get; } = new(ArrowTypeId.UInt16);

    public static ArrowType UInt32 { get; } = new(ArrowTypeId.UInt32);

    public static ArrowType UInt64 { get; } = new(ArrowTypeId.UInt64);

    public static ArrowType Float16 { get; } = new(ArrowTypeId.Float16);

    public static ArrowType Float32 { get; } = new(ArrowTypeId.Float32);

    public static ArrowType Float64 { get; } = new(ArrowTypeId.Float64);

    public static ArrowType Utf8 { get; } = new(ArrowTypeId.Utf8);

    public static ArrowType LargeUtf8 { get; } = new(ArrowTypeId.LargeUtf8);

    public static ArrowType Binary { get; } = new(ArrowTypeId.Binary);

    public static ArrowType LargeBinary { get; } = new(ArrowTypeId.LargeBinary);

    public static ArrowType Date32 { get; } = new(ArrowTypeId.Date32);

    public static ArrowType Date64 { get; } = new(ArrowTypeId.Date64);

    public ArrowTypeId Id { get; }

    /// <summary>The unit of timestamp, time and duration types; null for every other type (dates included).</summary>
    public ArrowTimeUnit? Unit { get; }

    /// <summary>The time zone of a timestamp ("UTC", "Europe/Paris", "+07:30"); null when naive or not a timestamp.</summary>
    public string? TimeZone { get; }

    /// <summary>
    /// Bits per value in the values buffer: 1 for bool, 8 to 256 for fixed-width types, the index
    /// width for dictionaries, 0 for variable-length and nested types.
    /// </summary>
    public int BitWidth { get; }

    /// <summary>True for signed integers, floats, decimals and the signed temporal types.</summary>
    public bool IsSigned { get; }

    /// <summary>True for utf8, large_utf8, binary and large_binary, which have an offsets buffer into value bytes.</summary>
    public bool IsVariableLength => Id is ArrowTypeId.Utf8 or ArrowTypeId.LargeUtf8 or ArrowTypeId.Binary or ArrowTypeId.LargeBinary;

    /// <summary>True for list and struct, whose values are in child columns.</summary>
    public bool IsNested => Id is ArrowTypeId.List or ArrowTypeId.Struct;

    /// <summary>True for the types with a values buffer of <see cref="BitWidth"/>-bit slots: numbers, temporal types, decimals, dictionary indices.</summary>
    public bool IsFixedWidth => BitWidth > 1;

    /// <summary>Bytes per offset of a variable-length type (4 or 8); 0 otherwise.</summary>
    internal int OffsetWidth => Id switch
    {
        ArrowTypeId.Utf8 or ArrowTypeId.Binary or ArrowTypeId.List => 4,
        ArrowTypeId.LargeUtf8 or ArrowTypeId.LargeBinary => 8,
        _ => 0,
    };

    /// <summary>A timestamp in <paramref name="unit"/>, naive when <paramref name="timeZone"/> is null or empty.</summary>
    public static ArrowType Timestamp(ArrowTimeUnit unit, string? timeZone = null) => new(ArrowTypeId.Timestamp, CheckUnit(unit), timeZone);

    public static ArrowType Duration(ArrowTimeUnit unit) => new(ArrowTypeId.Duration, CheckUnit(unit));

    /// <summary>A 32-bit time of day; only seconds and milliseconds are valid.</summary>
    public static ArrowType Time32(ArrowTimeUnit unit) => CheckUnit(unit) is ArrowTimeUnit.Second or ArrowTimeUnit.Millisecond
        ? new(ArrowTypeId.Time32, unit)
        : throw new ArgumentOutOfRangeException(nameof(unit), unit, "time32 takes seconds or milliseconds.");

    /// <summary>A 64-bit time of day; only microseconds and nanoseconds are valid.</summary>
    public static ArrowType Time64(ArrowTimeUnit unit) => CheckUnit(unit) is ArrowTimeUnit.Microsecond or ArrowTimeUnit.Nanosecond
        ? new(ArrowTypeId.Time64, unit)
        : throw new ArgumentOutOfRangeException(nameof(unit), unit, "time64 takes microseconds or nanoseconds.");

    /// <summary>pyarrow's name of the type.</summary>
    public override string ToString() => Id switch
    {
        ArrowTypeId.Bool => "bool",
        ArrowTypeId.Float16 => "halffloat",
        ArrowTypeId.Float32 => "float",
        ArrowTypeId.Float64 => "double",
        ArrowTypeId.Utf8 => "string",
        ArrowTypeId.LargeUtf8 => "large_string",
        ArrowTypeId.Binary => "binary",
        ArrowTypeId.LargeBinary => "large_binary",
        ArrowTypeId.Date32 => "date32[day]",
        ArrowTypeId.Date64 => "date64[ms]",
        ArrowTypeId.Timestamp when TimeZone is not null => $"timestamp[{UnitName}, tz={TimeZone}]",
        ArrowTypeId.Timestamp => $"timestamp[{UnitName}]",
        ArrowTypeId.Time32 => $"time32[{UnitName}]",
        ArrowTypeId.Time64 => $"time64[{UnitName}]",
        ArrowTypeId.Duration => $"duration[{UnitName}]",
        ArrowTypeId.Decimal128 or ArrowTypeId.Decimal256 => $"decimal{BitWidth}({Precision}, {Scale})",
        ArrowTypeId.Dictionary => $"dictionary<values={ValueType}, indices={IndexType}, ordered={(Ordered ? 1 : 0)}>",
        ArrowTypeId.List => $"list<{Children[0].Name}: {Children[0].Type}>",
        ArrowTypeId.Struct => $"struct<{string.Join(", ", Children.Select(c => $"{c.Name}: {c.Type}"))}>",
        _ => (IsSigned ? "int" : "uint") + BitWidth.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private string UnitName => Unit switch
    {
        ArrowTimeUnit.Second => "s",
        ArrowTimeUnit.Millisecond => "ms",
        ArrowTimeUnit.Microsecond => "us",
        _ => "ns",
    };

    private static ArrowTimeUnit CheckUnit(ArrowTimeUnit unit) => Enum.IsDefined(unit)
        ? unit
        : throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown time unit.");
}
