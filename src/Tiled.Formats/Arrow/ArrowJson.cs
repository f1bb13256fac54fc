using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Tiled.Formats.Arrow;

/// <summary>
/// Tiled's <c>application/json</c> table body: one object, column name → array of that column's
/// values over all batches, in schema order (or in the order of the requested columns). Nulls, NaN
/// and ±infinity are JSON null, as Tiled turns NaN/NaT into null. Integers of every width are exact
/// JSON numbers; floats use the shortest text that round-trips at their own precision; bools are
/// true/false; utf8 values are strings; binary values are base64 strings. Timestamps are ISO-8601
/// strings like pandas' <c>isoformat()</c>: "2020-01-31T12:00:00", a fraction only when non-zero
/// (3, 6 or 9 digits, the fewest that are exact), and "+01:00" (the local time in the column's
/// zone) for zone-aware columns. Dates are "2020-01-31", times of day "12:00:00.5". Durations, and
/// temporal values outside years 1–9999, are the raw integer in the column's unit. Decimals are
/// exact JSON numbers; a dictionary column gives its values; lists are arrays and structs objects.
/// </summary>
public static class ArrowJson
{
    /// <summary>
    /// Writes the object. An unknown name in <paramref name="columns"/> throws
    /// <see cref="ArgumentException"/> ("No such field x.") before anything is written; a batch that
    /// does not match <paramref name="schema"/> throws too. Duplicate field names give duplicate keys.
    /// Which characters are escaped is up to the writer's <see cref="JsonWriterOptions.Encoder"/> (the
    /// default escapes '+' and quotes as \u002B and \u0022; a relaxed encoder writes them as they are).
    /// </summary>
    public static void Write(Utf8JsonWriter writer, ArrowSchema schema, IReadOnlyList<RecordBatch> batches, IReadOnlyList<string>? columns = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var indices = ColumnSelection.Resolve(schema, columns);
        ColumnSelection.CheckBatches(schema, batches);
        Span<char> text = stackalloc char[ArrowValueText.MaxLength];
        writer.WriteStartObject();
        foreach (var index in indices)
        {
            var field = schema.Fields[index];
            var zone = ArrowTimeZone.For(field.Type.TimeZone);
            writer.WriteStartArray(field.Name);
            foreach (var batch in batches)
            {
                var column = batch.Columns[index];
                for (var row = 0; row < column.Length; row++)
                {
                    WriteValue(writer, column, row, zone, text);
                }
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    /// <summary>One value as JSON text, as <see cref="Write"/> writes it (the CSV writer quotes it for lists and structs).</summary>
    internal static string ValueText(ArrowColumn column, int row)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteValue(writer, column, row, ArrowTimeZone.For(column.Type.TimeZone), stackalloc char[ArrowValueText.MaxLength]);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteValue(Utf8JsonWriter writer, ArrowColumn column, int row, ArrowTimeZone? zone, Span<char> text)
    {
        if (column.IsNull(row))
        {
            writer.WriteNullValue();
            return;
        }

        switch (column.Type.Id)
        {
            case ArrowTypeId.Decimal128 or ArrowTypeId.Decimal256:
                writer.WriteRawValue(column.GetDecimalText(row), skipInputValidation: true);
                break;
            case ArrowTypeId.Dictionary:
                var dictionary = column.Dictionary!;
                WriteValue(writer, dictionary, (int)column.GetDictionaryIndex(row), ArrowTimeZone.For(dictionary.Type.TimeZone), text);
                break;
            case ArrowTypeId.List:
                var items = column.Children[0];
                var itemZone = ArrowTimeZone.For(items.Type.TimeZone);
                var (start, end) = column.GetListRange(row);
                writer.WriteStartArray();
                for (var i = start; i < end; i++)
                {
                    WriteValue(writer, items, i, itemZone, text);
                }

                writer.WriteEndArray();
                break;
            case ArrowTypeId.Struct:
                writer.WriteStartObject();
                for (var i = 0; i < column.Children.Count; i++)
                {
                    writer.WritePropertyName(column.Type.Children[i].Name);
                    WriteValue(writer, column.Children[i], row, ArrowTimeZone.For(column.Children[i].Type.TimeZone), text);
                }

                writer.WriteEndObject();
                break;
            case ArrowTypeId.Bool:
                writer.WriteBooleanValue(column.GetBoolean(row));
                break;
            case ArrowTypeId.Int8:
                writer.WriteNumberValue(column.GetInt8(row));
                break;
            case ArrowTypeId.Int16:
                writer.WriteNumberValue(column.GetInt16(row));
                break;
            case ArrowTypeId.Int32:
                writer.WriteNumberValue(column.GetInt32(row));
                break;
            case ArrowTypeId.Int64 or ArrowTypeId.Duration:
                writer.WriteNumberValue(column.GetInt64(row));
                break;
            case ArrowTypeId.UInt8:
                writer.WriteNumberValue(column.GetUInt8(row));
                break;
            case ArrowTypeId.UInt16:
                writer.WriteNumberValue(column.GetUInt16(row));
                break;
            case ArrowTypeId.UInt32:
                writer.WriteNumberValue(column.GetUInt32(row));
                break;
            case ArrowTypeId.UInt64:
                writer.WriteNumberValue(column.GetUInt64(row));
                break;
            case ArrowTypeId.Float16:
                WriteDouble(writer, (double)column.GetFloat16(row));
                break;
            case ArrowTypeId.Float32:
                var single = column.GetFloat32(row);
                if (float.IsFinite(single))
                {
                    writer.WriteNumberValue(single);
                }
                else
                {
                    writer.WriteNullValue();
                }

                break;
            case ArrowTypeId.Float64:
                WriteDouble(writer, column.GetFloat64(row));
                break;
            case ArrowTypeId.Utf8 or ArrowTypeId.LargeUtf8:
                var bytes = column.GetBytes(row);
                if (Utf8.IsValid(bytes))
                {
                    writer.WriteStringValue(bytes);
                }
                else
                {
                    writer.WriteStringValue(column.GetString(row));
                }

                break;
            case ArrowTypeId.Binary or ArrowTypeId.LargeBinary:
                writer.WriteBase64StringValue(column.GetBytes(row));
                break;
            default:
                if (ArrowValueText.TryFormat(column, row, 'T', zone, text, out var written))
                {
                    writer.WriteStringValue(text[..written]);
                }
                else
                {
                    writer.WriteNumberValue(column.Type.Id is ArrowTypeId.Date32 or ArrowTypeId.Time32 ? column.GetInt32(row) : column.GetInt64(row));
                }

                break;
        }
    }

    private static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
