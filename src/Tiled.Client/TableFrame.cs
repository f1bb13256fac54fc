using Tiled.Formats.Arrow;

namespace Tiled.Client;

/// <summary>
/// A table in memory, column by column: named <see cref="ArrowColumn"/>s of equal length, in order,
/// plus the Arrow schema they form (whose custom metadata, e.g. pandas', is kept from what was read).
/// Build one from .NET values, where null elements become nulls:
/// <code>
/// var frame = TableFrame.Create(
///     ("x", ArrowColumn.FromInt64([1, 2, null])),
///     ("label", ArrowColumn.FromStrings(["a", null, "c"])));
/// // or, with the convenience overloads:
/// var same = TableFrame.Empty.With("x", new long?[] { 1, 2, null }).With("label", new[] { "a", null, "c" });
/// </code>
/// Every column type of our Arrow codec is supported (bool, signed and unsigned integers, float16/32/64,
/// utf8, binary and their large variants, date32/64, time32/64, timestamp with or without time zone,
/// duration). Frames are immutable; <see cref="With(string, ArrowColumn)"/> returns a new frame.
/// </summary>
public sealed class TableFrame
{
    private readonly ArrowColumn[] _columns;

    private TableFrame(ArrowSchema schema, ArrowColumn[] columns, int rowCount)
    {
        Schema = schema;
        _columns = columns;
        RowCount = rowCount;
    }

    /// <summary>No columns and no rows.</summary>
    public static TableFrame Empty { get; } = new(new ArrowSchema([]), [], 0);

    public ArrowSchema Schema { get; }

    public IReadOnlyList<ArrowColumn> Columns => _columns;

    public IReadOnlyList<string> ColumnNames => [.. Schema.Fields.Select(f => f.Name)];

    public int RowCount { get; }

    /// <summary>The column called <paramref name="name"/>; throws <see cref="KeyNotFoundException"/> if there is none.</summary>
    public ArrowColumn this[string name] => Schema.IndexOf(name) is var index and >= 0
        ? _columns[index]
        : throw new KeyNotFoundException($"The frame has no column '{name}'.");

    /// <summary>A frame of the given columns (all of the same length), in order, with nullable fields and no metadata.</summary>
    public static TableFrame Create(params (string Name, ArrowColumn Column)[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return columns.Aggregate(Empty, (frame, column) => frame.With(column.Name, column.Column));
    }

    /// <summary>The rows of <paramref name="batches"/> (concatenated) under <paramref name="schema"/>, e.g. what a reader returned.</summary>
    public static TableFrame Create(ArrowSchema schema, IReadOnlyList<RecordBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(batches);
        foreach (var batch in batches)
        {
            schema.CheckBatch(batch);
        }

        var columns = schema.Fields.Select((field, i) => batches.Count == 0
            ? ArrowColumn.Empty(field.Type)
            : ArrowColumn.Concat([.. batches.Select(b => b.Columns[i])])).ToArray();
        return new TableFrame(schema, columns, checked(batches.Sum(b => b.Length)));
    }

    /// <summary>Reads Arrow IPC file bytes (<c>application/vnd.apache.arrow.file</c>).</summary>
    public static TableFrame FromArrowFile(ReadOnlyMemory<byte> bytes)
    {
        var (schema, batches) = ArrowFileReader.Read(bytes);
        return Create(schema, batches);
    }

    /// <summary>Reads Arrow IPC stream bytes (<c>application/vnd.apache.arrow.stream</c>).</summary>
    public static TableFrame FromArrowStream(ReadOnlyMemory<byte> bytes)
    {
        var (schema, batches) = ArrowStreamReader.Read(bytes);
        return Create(schema, batches);
    }

    /// <summary>This frame with <paramref name="column"/> added at the end as <paramref name="name"/>.</summary>
    public TableFrame With(string name, ArrowColumn column)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(column);
        if (_columns.Length > 0 && column.Length != RowCount)
        {
            throw new ArgumentException($"Column '{name}' has {column.Length} values but the frame has {RowCount} rows.", nameof(column));
        }

        return new TableFrame(new ArrowSchema([.. Schema.Fields, new ArrowField(name, column.Type)], Schema.Metadata),
            [.. _columns, column], column.Length);
    }

    /// <summary>Adds an int64 column.</summary>
    public TableFrame With(string name, IReadOnlyList<long?> values) => With(name, ArrowColumn.FromInt64(values));

    /// <summary>Adds an int32 column.</summary>
    public TableFrame With(string name, IReadOnlyList<int?> values) => With(name, ArrowColumn.FromInt32(values));

    /// <summary>Adds a float64 (double) column; NaN stays NaN, null is null.</summary>
    public TableFrame With(string name, IReadOnlyList<double?> values) => With(name, ArrowColumn.FromFloat64(values));

    /// <summary>Adds a bool column.</summary>
    public TableFrame With(string name, IReadOnlyList<bool?> values) => With(name, ArrowColumn.FromBooleans(values));

    /// <summary>Adds a utf8 (string) column.</summary>
    public TableFrame With(string name, IReadOnlyList<string?> values) => With(name, ArrowColumn.FromStrings(values));

    /// <summary>
    /// Adds a naive <c>timestamp[ns]</c> column (what pandas uses) holding each value's wall-clock
    /// time as given; the <see cref="DateTime.Kind"/> is ignored.
    /// </summary>
    public TableFrame With(string name, IReadOnlyList<DateTime?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return With(name, ArrowColumn.FromTimestamps(
            [.. values.Select(v => v is { } t ? (t.Ticks - DateTime.UnixEpoch.Ticks) * 100 : (long?)null)], ArrowTimeUnit.Nanosecond));
    }

    /// <summary>The values of column <paramref name="name"/> boxed as .NET values (see <see cref="ValueAt"/>).</summary>
    public IReadOnlyList<object?> Values(string name)
    {
        var column = this[name];
        return [.. Enumerable.Range(0, column.Length).Select(row => ValueAt(column, row))];
    }

    /// <summary>
    /// One value as .NET sees it: null for a null; bool; long for signed integers, ulong for unsigned
    /// ones; double for floats; string for utf8; byte[] for binary; <see cref="DateTime"/> (UTC) for
    /// timestamps and dates; the raw long (or int) in the column's unit for times of day and durations;
    /// decimal for decimals (their exact text as a string beyond decimal's 28 digits); the value for a
    /// dictionary column; object?[] for a list; a name → value dictionary for a struct.
    /// </summary>
    public static object? ValueAt(ArrowColumn column, int row)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (column.IsNull(row))
        {
            return null;
        }

        return column.Type.Id switch
        {
            ArrowTypeId.Bool => column.GetBoolean(row),
            ArrowTypeId.Int8 => (long)column.GetInt8(row),
            ArrowTypeId.Int16 => (long)column.GetInt16(row),
            ArrowTypeId.Int32 => (long)column.GetInt32(row),
            ArrowTypeId.Int64 => column.GetInt64(row),
            ArrowTypeId.UInt8 => (ulong)column.GetUInt8(row),
            ArrowTypeId.UInt16 => (ulong)column.GetUInt16(row),
            ArrowTypeId.UInt32 => (ulong)column.GetUInt32(row),
            ArrowTypeId.UInt64 => column.GetUInt64(row),
            ArrowTypeId.Float16 => (double)column.GetFloat16(row),
            ArrowTypeId.Float32 => (double)column.GetFloat32(row),
            ArrowTypeId.Float64 => column.GetFloat64(row),
            ArrowTypeId.Utf8 or ArrowTypeId.LargeUtf8 => column.GetString(row),
            ArrowTypeId.Binary or ArrowTypeId.LargeBinary => column.GetBytes(row).ToArray(),
            ArrowTypeId.Timestamp or ArrowTypeId.Date32 or ArrowTypeId.Date64 => column.GetDateTime(row),
            ArrowTypeId.Time32 => column.GetInt32(row),
            ArrowTypeId.Decimal128 or ArrowTypeId.Decimal256 => DecimalAt(column, row),
            ArrowTypeId.Dictionary => ValueAt(column.Dictionary!, (int)column.GetDictionaryIndex(row)),
            ArrowTypeId.List => ListAt(column, row),
            ArrowTypeId.Struct => column.Type.Children.Select((f, i) => KeyValuePair.Create(f.Name, ValueAt(column.Children[i], row))).DistinctBy(p => p.Key).ToDictionary(),
            _ => column.GetInt64(row),
        };
    }

    private static object DecimalAt(ArrowColumn column, int row)
    {
        var text = column.GetDecimalText(row);
        return decimal.TryParse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : text;
    }

    private static object?[] ListAt(ArrowColumn column, int row)
    {
        var (start, end) = column.GetListRange(row);
        return [.. Enumerable.Range(start, end - start).Select(i => ValueAt(column.Children[0], i))];
    }

    /// <summary>The rows as one record batch.</summary>
    public RecordBatch ToRecordBatch() => new(RowCount, _columns);

    /// <summary>Arrow IPC file bytes (one record batch), as <c>PUT /table/full</c> takes them.</summary>
    public byte[] ToArrowFile() => ArrowFileWriter.Write(Schema, [ToRecordBatch()]);

    /// <summary>Arrow IPC stream bytes (one record batch).</summary>
    public byte[] ToArrowStream() => ArrowStreamWriter.Write(Schema, [ToRecordBatch()]);

    public override string ToString() => $"<TableFrame {RowCount} rows × [{string.Join(", ", Schema.Fields)}]>";
}
