using System.Buffers.Binary;
using FluentAssertions;
using ParquetSharp;
using Tiled.Formats.Arrow;
using Tiled.Formats.Parquet;
using Xunit;

namespace Tiled.UnitTests.Formats.Parquet;

/// <summary>
/// Columns read from Parquet outlive the native batches Arrow C++ decoded them into (those are freed
/// when released or collected); a table of many batches, written by Parquet's own writer without an
/// Arrow schema, once failed to encode after a garbage collection.
/// </summary>
public sealed class ParquetRequiredColumnsTests
{
    [Theory]
    [InlineData(1000)]
    [InlineData(3_000_000)]
    public void Columns_read_from_parquet_keep_their_values_after_the_native_batches_are_collected(int rows)
    {
        var table = ParquetTables.Read(Int64s(rows));
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        table.Batches.Sum(b => (long)b.Length).Should().Be(rows);
        long index = 0;
        foreach (var batch in table.Batches)
        {
            var values = batch.Columns[0].Values.Span;
            for (var i = 0; i < batch.Length; i++, index++)
            {
                BinaryPrimitives.ReadInt64LittleEndian(values[(i * 8)..]).Should().Be(index % 1000, "row {0}", index);
            }
        }

        var act = () => ArrowStreamWriter.WriteToMemory(table.Schema, table.Batches);
        act.Should().NotThrow();
    }

    private static byte[] Int64s(int rows)
    {
        // Native buffers, as ParquetTables writes: no .NET stream for native code to call back into.
        using var output = new ParquetSharp.IO.BufferOutputStream();
        using (var properties = new WriterPropertiesBuilder().EnableDictionary().Build())
        using (var file = new ParquetFileWriter(output, [new Column<long>("a")], properties))
        {
            using (var group = file.AppendRowGroup())
            using (var column = group.NextColumn())
            using (var writer = column.LogicalWriter<long>())
            {
                writer.WriteBatch([.. Enumerable.Range(0, rows).Select(i => (long)(i % 1000))]);
            }

            file.Close();
        }

        using var written = output.Finish();
        return written.ToArray();
    }
}
