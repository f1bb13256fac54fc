namespace Tiled.Formats.Arrow;

/// <summary>
/// The column types Tiled reads, stores and writes, each with an optional validity bitmap; any
/// other Arrow type is refused with <see cref="ArrowNotSupportedException"/>.
/// </summary>
public enum ArrowTypeId
{
    Bool,
    Int8,
    Int16,
    Int32,
    Int64,
    UInt8,
    UInt16,
    UInt32,
    UInt64,
    Float16,
    Float32,
    Float64,

    /// <summary>UTF-8 text with 32-bit offsets (pyarrow's <c>string</c>).</summary>
    Utf8,

    /// <summary>UTF-8 text with 64-bit offsets (pyarrow's <c>large_string</c>).</summary>
    LargeUtf8,
    Binary,
    LargeBinary,

    /// <summary>Days since 1970-01-01 as a 32-bit integer.</summary>
    Date32,

    /// <summary>Milliseconds since 1970-01-01 as a 64-bit integer.</summary>
    Date64,

    /// <summary>64-bit count of <see cref="ArrowType.Unit"/> since the Unix epoch, with an optional time zone.</summary>
    Timestamp,

    /// <summary>Time of day as a 32-bit count of seconds or milliseconds.</summary>
    Time32,

    /// <summary>Time of day as a 64-bit count of microseconds or nanoseconds.</summary>
    Time64,

    /// <summary>64-bit count of <see cref="ArrowType.Unit"/>.</summary>
    Duration,

    /// <summary>A 128-bit two's complement integer scaled by 10^-<see cref="ArrowType.Scale"/>.</summary>
    Decimal128,

    /// <summary>A 256-bit two's complement integer scaled by 10^-<see cref="ArrowType.Scale"/>.</summary>
    Decimal256,

    /// <summary>Integer indices (<see cref="ArrowType.IndexType"/>) into a column of distinct values (<see cref="ArrowType.ValueType"/>): pandas' categorical.</summary>
    Dictionary,

    /// <summary>A variable-length list of values of the one child field, with 32-bit offsets.</summary>
    List,

    /// <summary>A row of named child fields.</summary>
    Struct,
}
