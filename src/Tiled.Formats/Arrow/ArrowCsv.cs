using System.Globalization;
using System.Text;
using Tiled.Formats.ArrayText;

namespace Tiled.Formats.Arrow;

/// <summary>
/// Tiled's <c>text/csv</c> table body, as pandas' <c>to_csv(index=False)</c> writes it: a header
/// row of column names, then one line per row, fields separated by commas, every line ending in
/// "\n". Fields holding a comma, quote, CR or LF are quoted with doubled quotes (minimal quoting).
/// Nulls and NaN are empty fields; bools are "True"/"False"; integers are exact; floats are
/// Python's <c>repr</c> ("1.0", "1e-05", "inf"); binary values are Python's bytes repr (b'..');
/// timestamps are "2020-01-31 12:00:00" with pandas' space, the same fraction and offset rules as
/// <see cref="ArrowJson"/>; dates "2020-01-31"; durations and out-of-range temporal values are the
/// raw integer in the column's unit. Decimals are exact; a dictionary column gives its values; lists
/// and structs are their JSON text (pandas would write Python's repr).
/// </summary>
public static class ArrowCsv
{
    /// <summary>
    /// Writes the CSV text. Unknown names in <paramref name="columns"/> throw <see cref="ArgumentException"/>
    /// ("No such field x.") before anything is written; so does a batch that does not match the schema.
    /// </summary>
    public static void Write(TextWriter writer, ArrowSchema schema, IReadOnlyList<RecordBatch> batches, IReadOnlyList<string>? columns = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var indices = ColumnSelection.Resolve(schema, columns);
        ColumnSelection.CheckBatches(schema, batches);
        var zones = indices.Select(i => ArrowTimeZone.For(schema.Fields[i].Type.TimeZone)).ToArray();
        var line = new StringBuilder();
        for (var c = 0; c < indices.Length; c++)
        {
            AppendField(line, c, schema.Fields[indices[c]].Name);
        }

        writer.Write(line.Append('\n'));
        foreach (var batch in batches)
        {
            for (var row = 0; row < batch.Length; row++)
            {
                line.Clear();
                for (var c = 0; c < indices.Length; c++)
                {
                    if (c > 0)
                    {
                        line.Append(',');
                    }

                    AppendValue(line, batch.Columns[indices[c]], row, zones[c]);
                }

                writer.Write(line.Append('\n'));
            }
        }
    }

    /// <summary>The CSV text as a string.</summary>
    public static string ToText(ArrowSchema schema, IReadOnlyList<RecordBatch> batches, IReadOnlyList<string>? columns = null)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(writer, schema, batches, columns);
        return writer.ToString();
    }

    private static void AppendValue(StringBuilder line, ArrowColumn column, int row, ArrowTimeZone? zone)
    {
        if (column.IsNull(row))
        {
            return;
        }

        Span<char> text = stackalloc char[Math.Max(NumpyFloatFormat.MaxLength, ArrowValueText.MaxLength)];
        var invariant = CultureInfo.InvariantCulture;
        switch (column.Type.Id)
        {
            case ArrowTypeId.Decimal128 or ArrowTypeId.Decimal256:
                line.Append(column.GetDecimalText(row));
                break;
            case ArrowTypeId.Dictionary:
                var dictionary = column.Dictionary!;
                AppendValue(line, dictionary, (int)column.GetDictionaryIndex(row), ArrowTimeZone.For(dictionary.Type.TimeZone));
                break;
            case ArrowTypeId.List or ArrowTypeId.Struct:
                AppendField(line, 0, ArrowJson.ValueText(column, row));
                break;
            case ArrowTypeId.Bool:
                line.Append(column.GetBoolean(row) ? "True" : "False");
                break;
            case ArrowTypeId.Int8:
                line.Append(column.GetInt8(row).ToString(invariant));
                break;
            case ArrowTypeId.Int16:
                line.Append(column.GetInt16(row).ToString(invariant));
                break;
            case ArrowTypeId.Int32:
                line.Append(column.GetInt32(row).ToString(invariant));
                break;
            case ArrowTypeId.Int64 or ArrowTypeId.Duration:
                line.Append(column.GetInt64(row).ToString(invariant));
                break;
            case ArrowTypeId.UInt8:
                line.Append(column.GetUInt8(row).ToString(invariant));
                break;
            case ArrowTypeId.UInt16:
                line.Append(column.GetUInt16(row).ToString(invariant));
                break;
            case ArrowTypeId.UInt32:
                line.Append(column.GetUInt32(row).ToString(invariant));
                break;
            case ArrowTypeId.UInt64:
                line.Append(column.GetUInt64(row).ToString(invariant));
                break;
            case ArrowTypeId.Float16:
                AppendFloat(line, text, double.IsNaN((double)column.GetFloat16(row)), NumpyFloatFormat.Format(column.GetFloat16(row), text));
                break;
            case ArrowTypeId.Float32:
                AppendFloat(line, text, float.IsNaN(column.GetFloat32(row)), NumpyFloatFormat.Format(column.GetFloat32(row), text));
                break;
            case ArrowTypeId.Float64:
                AppendFloat(line, text, double.IsNaN(column.GetFloat64(row)), NumpyFloatFormat.Format(column.GetFloat64(row), text));
                break;
            case ArrowTypeId.Utf8 or ArrowTypeId.LargeUtf8:
                AppendField(line, 0, column.GetString(row));
                break;
            case ArrowTypeId.Binary or ArrowTypeId.LargeBinary:
                var repr = new StringBuilder();
                NumpyStrings.AppendBytesRepr(repr, column.GetBytes(row));
                AppendField(line, 0, repr.ToString());
                break;
            default:
                if (ArrowValueText.TryFormat(column, row, ' ', zone, text, out var written))
                {
                    line.Append(text[..written]);
                }
                else
                {
                    line.Append((column.Type.Id is ArrowTypeId.Date32 or ArrowTypeId.Time32 ? column.GetInt32(row) : column.GetInt64(row)).ToString(invariant));
                }

                break;
        }
    }

    // pandas writes NaN as an empty field.
    private static void AppendFloat(StringBuilder line, ReadOnlySpan<char> text, bool isNaN, int written)
    {
        if (!isNaN)
        {
            line.Append(text[..written]);
        }
    }

    private static void AppendField(StringBuilder line, int position, string value)
    {
        if (position > 0)
        {
            line.Append(',');
        }

        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            line.Append(value);
            return;
        }

        line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
