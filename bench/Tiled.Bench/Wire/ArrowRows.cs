using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;

namespace Tiled.Bench.Wire;

/// <summary>Arrow IPC bodies for the table cases, made with Apache.Arrow (an independent implementation, as a Python client's pyarrow would be).</summary>
internal static class ArrowRows
{
    public static readonly string[] Columns = ["sequence", "value", "label"];

    private static readonly Schema s_schema = new(
        [new Field(Columns[0], Int64Type.Default, true), new Field(Columns[1], DoubleType.Default, true), new Field(Columns[2], StringType.Default, true)], null);

    /// <summary>Tiled's <c>arrow_schema</c>: a data URI of the schema message.</summary>
    public static string SchemaDataUri()
    {
        using var buffer = new MemoryStream();
        using (var writer = new ArrowStreamWriter(buffer, s_schema, leaveOpen: true))
        {
            writer.WriteStart();
        }

        return "data:application/vnd.apache.arrow.file;base64," + Convert.ToBase64String(buffer.ToArray());
    }

    /// <summary>An Arrow IPC file of one batch of <paramref name="rows"/> rows (int64, float64 with a null every 100, utf8).</summary>
    public static byte[] File(int rows)
    {
        var random = new Random(rows);
        var sequence = new Int64Array.Builder();
        var value = new DoubleArray.Builder();
        var label = new StringArray.Builder();
        for (var i = 0; i < rows; i++)
        {
            sequence.Append(i);
            if (i % 100 == 0)
            {
                value.AppendNull();
            }
            else
            {
                value.Append(random.NextDouble());
            }

            label.Append($"detector-{i % 64}");
        }

        using var buffer = new MemoryStream();
        using (var writer = new ArrowFileWriter(buffer, s_schema, leaveOpen: true))
        {
            writer.WriteRecordBatch(new RecordBatch(s_schema, [sequence.Build(), value.Build(), label.Build()], rows));
            writer.WriteEnd();
        }

        return buffer.ToArray();
    }
}
