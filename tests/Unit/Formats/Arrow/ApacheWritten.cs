using Apache.Arrow;
using Apache.Arrow.Compression;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using ApacheIpc = Apache.Arrow.Ipc;

namespace Tiled.UnitTests.Formats.Arrow;

/// <summary>Valid IPC bytes written by Apache.Arrow itself, for types and features our writers never produce.</summary>
internal static class ApacheWritten
{
    /// <summary>A field "c" of a valid Arrow type Tiled does not handle.</summary>
    public static Field UnsupportedField(string name) => new("c", name switch
    {
        "fixed_size_binary" => new FixedSizeBinaryType(4),
        "large_list" => new LargeListType(Int32Type.Default),
        "fixed_size_list" => new FixedSizeListType(Int32Type.Default, 2),
        "map" => new MapType(StringType.Default, Int32Type.Default),
        "union" => new UnionType([new Field("a", Int32Type.Default, true)], [0], UnionMode.Dense),
        "interval" => new IntervalType(IntervalUnit.YearMonth),
        "null" => NullType.Default,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such sample."),
    }, nullable: true);

    /// <summary>An int64 column "n" of 0..<paramref name="rows"/>-1 and a utf8 column "s" (null every third row), as an IPC stream or file with bodies compressed by <paramref name="codec"/>.</summary>
    public static byte[] Compressed(CompressionCodecType codec, int rows, bool file)
    {
        var schema = new Schema([new Field("n", Int64Type.Default, true), new Field("s", StringType.Default, true)], null);
        var numbers = new Int64Array.Builder();
        var strings = new StringArray.Builder();
        for (var i = 0; i < rows; i++)
        {
            numbers.Append(i);
            if (i % 3 == 0)
            {
                strings.AppendNull();
            }
            else
            {
                strings.Append($"row {i}");
            }
        }

        var batch = new Apache.Arrow.RecordBatch(schema, [numbers.Build(), strings.Build()], rows);
        var options = new ApacheIpc.IpcOptions { CompressionCodec = codec, CompressionCodecFactory = new CompressionCodecFactory() };
        using var buffer = new MemoryStream();
        using (var writer = file
            ? new ApacheIpc.ArrowFileWriter(buffer, schema, leaveOpen: true, options)
            : new ApacheIpc.ArrowStreamWriter(buffer, schema, leaveOpen: true, options))
        {
            writer.WriteRecordBatch(batch);
            writer.WriteEnd();
        }

        return buffer.ToArray();
    }

    /// <summary>An IPC stream of just the schema of <paramref name="fields"/>.</summary>
    public static byte[] SchemaOnly(params Field[] fields)
    {
        using var buffer = new MemoryStream();
        using (var writer = new ApacheIpc.ArrowStreamWriter(buffer, new Schema(fields, null), leaveOpen: true))
        {
            writer.WriteStart();
            writer.WriteEnd();
        }

        return buffer.ToArray();
    }
}
