using Apache.Arrow;
using Apache.Arrow.Types;
using ApacheTypeId = Apache.Arrow.Types.ArrowTypeId;

namespace Tiled.Formats.Arrow.Ipc;

/// <summary>Our schemas, fields and types to Apache.Arrow's and back; a type we do not handle is <see cref="ArrowNotSupportedException"/>.</summary>
internal static class ApacheSchemas
{
    public static Schema ToApache(ArrowSchema schema) =>
        new(schema.Fields.Select(ToApache), Pairs(schema.Metadata));

    public static ArrowSchema FromApache(Schema schema) =>
        new(schema.FieldsList.Select((f, i) => FromApache(f, f.Name.Length == 0 ? $"#{i}" : f.Name)), Metadata(schema.Metadata));

    public static Field ToApache(ArrowField field) =>
        new(field.Name, ToApache(field.Type), field.Nullable, Pairs(field.Metadata));

    public static IArrowType ToApache(ArrowType type) => type.Id switch
    {
        ArrowTypeId.Bool => BooleanType.Default,
        ArrowTypeId.Int8 => Int8Type.Default,
        ArrowTypeId.Int16 => Int16Type.Default,
        ArrowTypeId.Int32 => Int32Type.Default,
        ArrowTypeId.Int64 => Int64Type.Default,
        ArrowTypeId.UInt8 => UInt8Type.Default,
        ArrowTypeId.UInt16 => UInt16Type.Default,
        ArrowTypeId.UInt32 => UInt32Type.Default,
        ArrowTypeId.UInt64 => UInt64Type.Default,
        ArrowTypeId.Float16 => HalfFloatType.Default,
        ArrowTypeId.Float32 => FloatType.Default,
        ArrowTypeId.Float64 => DoubleType.Default,
        ArrowTypeId.Utf8 => StringType.Default,
        ArrowTypeId.LargeUtf8 => LargeStringType.Default,
        ArrowTypeId.Binary => BinaryType.Default,
        ArrowTypeId.LargeBinary => LargeBinaryType.Default,
        ArrowTypeId.Date32 => Date32Type.Default,
        ArrowTypeId.Date64 => Date64Type.Default,
        ArrowTypeId.Timestamp => new TimestampType(ToApache(type.Unit), type.TimeZone),
        ArrowTypeId.Time32 => new Time32Type(ToApache(type.Unit)),
        ArrowTypeId.Time64 => new Time64Type(ToApache(type.Unit)),
        ArrowTypeId.Duration => DurationType.FromTimeUnit(ToApache(type.Unit)),
        ArrowTypeId.Decimal128 => new Decimal128Type(type.Precision, type.Scale),
        ArrowTypeId.Decimal256 => new Decimal256Type(type.Precision, type.Scale),
        ArrowTypeId.Dictionary => new DictionaryType(ToApache(type.IndexType!), ToApache(type.ValueType!), type.Ordered),
        ArrowTypeId.List => new ListType(ToApache(type.Children[0])),
        ArrowTypeId.Struct => new StructType([.. type.Children.Select(ToApache)]),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown column type."),
    };

    private static ArrowField FromApache(Field field, string label) =>
        new(field.Name ?? string.Empty, FromApache(field.DataType, label), field.IsNullable, Metadata(field.Metadata));

    private static ArrowType FromApache(IArrowType type, string label) => type switch
    {
        BooleanType => ArrowType.Bool,
        Int8Type => ArrowType.Int8,
        Int16Type => ArrowType.Int16,
        Int32Type => ArrowType.Int32,
        Int64Type => ArrowType.Int64,
        UInt8Type => ArrowType.UInt8,
        UInt16Type => ArrowType.UInt16,
        UInt32Type => ArrowType.UInt32,
        UInt64Type => ArrowType.UInt64,
        HalfFloatType => ArrowType.Float16,
        FloatType => ArrowType.Float32,
        DoubleType => ArrowType.Float64,
        LargeStringType => ArrowType.LargeUtf8,
        StringType => ArrowType.Utf8,
        LargeBinaryType => ArrowType.LargeBinary,
        BinaryType when type.TypeId == ApacheTypeId.Binary => ArrowType.Binary,
        Date32Type => ArrowType.Date32,
        Date64Type => ArrowType.Date64,
        TimestampType t => ArrowType.Timestamp(FromApache(t.Unit), t.Timezone),
        Time32Type t => ArrowType.Time32(FromApache(t.Unit)),
        Time64Type t => ArrowType.Time64(FromApache(t.Unit)),
        DurationType t => ArrowType.Duration(FromApache(t.Unit)),
        Decimal128Type t => Checked(() => ArrowType.Decimal128(t.Precision, t.Scale), label),
        Decimal256Type t => Checked(() => ArrowType.Decimal256(t.Precision, t.Scale), label),
        DictionaryType t => Checked(() => ArrowType.Dictionary(FromApache(t.IndexType, label), FromApache(t.ValueType, label), t.Ordered), label),
        ListType t when type.TypeId == ApacheTypeId.List => ArrowType.List(FromApache(t.ValueField, $"{label}.{t.ValueField.Name}")),
        StructType t => ArrowType.Struct(t.Fields.Select(f => FromApache(f, $"{label}.{f.Name}"))),
        _ => throw new ArrowNotSupportedException(
            $"Field '{label}' has Arrow type {type.Name}, which is not supported (supported: bool, integers, floats, decimals, utf8, binary and their large variants, date, time, timestamp, duration, dictionary, list and struct)."),
    };

    private static ArrowType Checked(Func<ArrowType> make, string label)
    {
        try
        {
            return make();
        }
        catch (ArgumentException ex)
        {
            throw new ArrowFormatException($"Field '{label}' has an invalid type: {ex.Message}", ex);
        }
    }

    private static TimeUnit ToApache(ArrowTimeUnit? unit) => unit switch
    {
        ArrowTimeUnit.Second => TimeUnit.Second,
        ArrowTimeUnit.Millisecond => TimeUnit.Millisecond,
        ArrowTimeUnit.Microsecond => TimeUnit.Microsecond,
        _ => TimeUnit.Nanosecond,
    };

    private static ArrowTimeUnit FromApache(TimeUnit unit) => unit switch
    {
        TimeUnit.Second => ArrowTimeUnit.Second,
        TimeUnit.Millisecond => ArrowTimeUnit.Millisecond,
        TimeUnit.Microsecond => ArrowTimeUnit.Microsecond,
        TimeUnit.Nanosecond => ArrowTimeUnit.Nanosecond,
        _ => throw new ArrowFormatException($"Unknown time unit {unit}."),
    };

    private static IEnumerable<KeyValuePair<string, string>>? Pairs(ArrowMetadata metadata) =>
        metadata.Count == 0 ? null : metadata;

    private static ArrowMetadata Metadata(IReadOnlyDictionary<string, string>? metadata) =>
        metadata is null || metadata.Count == 0 ? ArrowMetadata.Empty : new ArrowMetadata(metadata);
}
