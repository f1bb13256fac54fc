using Tiled.Formats.Arrow.FlatBuffers;

namespace Tiled.Formats.Arrow.Ipc;

/// <summary>The <c>Type</c> union of Schema.fbs: which table each supported type is, and its fields.</summary>
internal static class TypeCodec
{
    private const byte Int = 2;
    private const byte FloatingPoint = 3;
    private const byte Binary = 4;
    private const byte Utf8 = 5;
    private const byte Bool = 6;
    private const byte Date = 8;
    private const byte Time = 9;
    private const byte Timestamp = 10;
    private const byte Duration = 18;
    private const byte LargeBinary = 19;
    private const byte LargeUtf8 = 20;

    // Names of the union members, indexed by type id, for error messages.
    private static readonly string[] s_names =
    [
        "NONE", "Null", "Int", "FloatingPoint", "Binary", "Utf8", "Bool", "Decimal", "Date", "Time", "Timestamp", "Interval", "List",
        "Struct", "Union", "FixedSizeBinary", "FixedSizeList", "Map", "Duration", "LargeBinary", "LargeUtf8", "LargeList",
        "RunEndEncoded", "BinaryView", "Utf8View", "ListView", "LargeListView",
    ];

    public static ArrowType Decode(byte typeId, FlatBufferTable field, int slot, string fieldName)
    {
        var what = $"type of field '{fieldName}'";
        if (typeId is not (Int or FloatingPoint or Binary or Utf8 or Bool or Date or Time or Timestamp or Duration or LargeBinary or LargeUtf8))
        {
            var name = typeId < s_names.Length ? s_names[typeId] : $"with union id {typeId}";
            throw typeId == 0
                ? new ArrowFormatException($"Field '{fieldName}' has no type.")
                : new ArrowNotSupportedException($"Field '{fieldName}' has Arrow type {name}, which is not supported (supported: bool, integers, floats, utf8, binary and their large variants, date, time, timestamp, duration).");
        }

        if (!field.TryGetTable(slot, what, out var table))
        {
            throw new ArrowFormatException($"Field '{fieldName}' names type {s_names[typeId]} but has no type table.");
        }

        return typeId switch
        {
            Int => DecodeInt(table.GetInt32(0), table.GetBool(1), fieldName),
            FloatingPoint => table.GetInt16(0) switch
            {
                0 => ArrowType.Float16,
                1 => ArrowType.Float32,
                2 => ArrowType.Float64,
                var p => throw new ArrowFormatException($"Field '{fieldName}' has unknown floating-point precision {p}."),
            },
            Binary => ArrowType.Binary,
            Utf8 => ArrowType.Utf8,
            Bool => ArrowType.Bool,
            LargeBinary => ArrowType.LargeBinary,
            LargeUtf8 => ArrowType.LargeUtf8,
            Date => table.GetInt16(0, 1) switch
            {
                0 => ArrowType.Date32,
                1 => ArrowType.Date64,
                var u => throw new ArrowFormatException($"Field '{fieldName}' has unknown date unit {u}."),
            },
            Time => DecodeTime(Unit(table.GetInt16(0, 1), fieldName), table.GetInt32(1, 32), fieldName),
            Timestamp => ArrowType.Timestamp(Unit(table.GetInt16(0), fieldName), table.GetString(1)),
            _ => ArrowType.Duration(Unit(table.GetInt16(0, 1), fieldName)),
        };
    }

    /// <summary>Creates the type table; returns its union id and offset.</summary>
    public static (byte TypeId, int Offset) Encode(FlatBufferBuilder builder, ArrowType type)
    {
        var timeZone = type.TimeZone is null ? 0 : builder.CreateString(type.TimeZone);
        builder.StartTable(2);
        var typeId = type.Id switch
        {
            ArrowTypeId.Bool => Bool,
            ArrowTypeId.Float16 or ArrowTypeId.Float32 or ArrowTypeId.Float64 => FloatingPoint,
            ArrowTypeId.Utf8 => Utf8,
            ArrowTypeId.LargeUtf8 => LargeUtf8,
            ArrowTypeId.Binary => Binary,
            ArrowTypeId.LargeBinary => LargeBinary,
            ArrowTypeId.Date32 or ArrowTypeId.Date64 => Date,
            ArrowTypeId.Time32 or ArrowTypeId.Time64 => Time,
            ArrowTypeId.Timestamp => Timestamp,
            ArrowTypeId.Duration => Duration,
            _ => Int,
        };
        switch (typeId)
        {
            case Int:
                builder.AddInt32(0, type.BitWidth);
                builder.AddBool(1, type.IsSigned);
                break;
            case FloatingPoint:
                builder.AddInt16(0, (short)(type.Id - ArrowTypeId.Float16));
                break;
            case Date:
                builder.AddInt16(0, type.Id == ArrowTypeId.Date32 ? (short)0 : (short)1);
                break;
            case Time:
                builder.AddInt16(0, (short)(type.Unit ?? ArrowTimeUnit.Millisecond));
                builder.AddInt32(1, type.BitWidth);
                break;
            case Timestamp:
                builder.AddInt16(0, (short)(type.Unit ?? ArrowTimeUnit.Nanosecond));
                if (timeZone != 0)
                {
                    builder.AddOffset(1, timeZone);
                }

                break;
            case Duration:
                builder.AddInt16(0, (short)(type.Unit ?? ArrowTimeUnit.Millisecond));
                break;
        }

        return (typeId, builder.EndTable());
    }

    private static ArrowType DecodeInt(int bitWidth, bool signed, string fieldName) => (bitWidth, signed) switch
    {
        (8, true) => ArrowType.Int8,
        (16, true) => ArrowType.Int16,
        (32, true) => ArrowType.Int32,
        (64, true) => ArrowType.Int64,
        (8, false) => ArrowType.UInt8,
        (16, false) => ArrowType.UInt16,
        (32, false) => ArrowType.UInt32,
        (64, false) => ArrowType.UInt64,
        _ => throw new ArrowFormatException($"Field '{fieldName}' has an integer type of {bitWidth} bits."),
    };

    private static ArrowType DecodeTime(ArrowTimeUnit unit, int bitWidth, string fieldName) => (unit, bitWidth) switch
    {
        (ArrowTimeUnit.Second or ArrowTimeUnit.Millisecond, 32) => ArrowType.Time32(unit),
        (ArrowTimeUnit.Microsecond or ArrowTimeUnit.Nanosecond, 64) => ArrowType.Time64(unit),
        _ => throw new ArrowFormatException($"Field '{fieldName}' has a time type of {bitWidth} bits in {unit}s."),
    };

    private static ArrowTimeUnit Unit(short value, string fieldName) => value is >= 0 and <= 3
        ? (ArrowTimeUnit)value
        : throw new ArrowFormatException($"Field '{fieldName}' has unknown time unit {value}.");
}
