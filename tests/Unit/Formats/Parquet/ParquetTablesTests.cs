using FluentAssertions;
using Tiled.Formats.Arrow;
using Tiled.Formats.Parquet;
using Tiled.UnitTests.Formats.Arrow;
using Xunit;

namespace Tiled.UnitTests.Formats.Parquet;

public sealed class ParquetTablesTests
{
    // Parquet has no seconds timestamps, no date64 and no seconds time32: Arrow's writer stores them
    // in milliseconds and days, as pyarrow does, and they read back so.
    private static readonly Dictionary<string, string> s_coerced = new()
    {
        ["ts_s"] = "timestamp[ms]", ["date64"] = "date32[day]", ["time32s"] = "time32[ms]",
    };

    public static TheoryData<string> ColumnNames => new(ArrowSamples.Columns.Select(c => c.Name).Where(n => !s_coerced.ContainsKey(n)));

    [Theory]
    [MemberData(nameof(ColumnNames))]
    public void Every_type_round_trips_with_nulls(string name)
    {
        var column = ArrowSamples.Columns.Single(c => c.Name == name);
        var schema = new ArrowSchema([new ArrowField(name, column.Build(0).Type, column.Nullable)]);
        var batch = new RecordBatch([column.Build(4)]);

        var table = ParquetTables.Read(ParquetTables.Write(schema, [batch]));

        table.Schema.Should().Be(schema);
        ArrowTestValues.ShouldMatch(new RecordBatch(table.Batches.Sum(b => b.Length), [table.Batches.Single().Columns[0]]), batch);
    }

    [Fact]
    public void Schema_metadata_several_batches_and_a_table_without_rows_are_kept()
    {
        var schema = ArrowSamples.AllTypesSchema();

        var table = ParquetTables.Read(ParquetTables.Write(schema, ArrowSamples.AllTypesBatches()));
        var empty = ParquetTables.Read(ParquetTables.Write(schema, []));

        table.Schema.Metadata.Should().Equal(schema.Metadata);
        table.Schema.Fields.Select(f => f.Type.ToString()).Should().Equal(
            schema.Fields.Select(f => s_coerced.GetValueOrDefault(f.Name, f.Type.ToString())));
        table.Schema.Fields.Select(f => (f.Name, f.Nullable, f.Metadata)).Should().Equal(schema.Fields.Select(f => (f.Name, f.Nullable, f.Metadata)));
        table.RowCount.Should().Be(7);
        empty.Schema.Should().Be(table.Schema);
        empty.RowCount.Should().Be(0);
    }

    [Fact]
    public void Dictionary_decimal_list_and_struct_columns_round_trip()
    {
        var item = new ArrowField("item", ArrowType.Int32);
        var table = ExtendedSample(item);

        var read = ParquetTables.Read(ParquetTables.Write(table.Schema, table.Batches));

        read.Schema.Fields.Select(f => f.Type.ToString()).Should().Equal(
            "dictionary<values=string, indices=int8, ordered=0>", "decimal128(10, 2)", "list<element: int32>");
        var json = Json(read);
        json.Should().Be(Json(table));
        json.Should().Contain("\"price\":[123.45,-0.50,null]").And.Contain("\"tags\":[\"b\",\"a\",\"b\"]").And.Contain("[[1,2],[],null]");
    }

    [Fact]
    public void Corrupt_bytes_are_a_format_error()
    {
        var bytes = ParquetTables.Write(ArrowSamples.AllTypesSchema(), ArrowSamples.AllTypesBatches());
        bytes.AsSpan(bytes.Length - 200, 190).Fill(0xAB);

        var act = () => ParquetTables.Read(bytes);

        act.Should().Throw<ArrowFormatException>().WithMessage("The Parquet input is malformed*");
    }

    [Fact]
    public void Random_damage_only_raises_format_or_not_supported_errors()
    {
        var bytes = ParquetTables.Write(ArrowSamples.AllTypesSchema(), ArrowSamples.AllTypesBatches());
        var random = new Random(7);
        var outcomes = new List<string>();

        for (var round = 0; round < 200; round++)
        {
            var damaged = bytes.ToArray();
            for (var hits = 0; hits < 3; hits++)
            {
                damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
            }

            try
            {
                outcomes.Add($"read {ParquetTables.Read(damaged).RowCount} rows");
            }
            catch (Exception e) when (e is ArrowFormatException or ArrowNotSupportedException)
            {
                outcomes.Add(e.GetType().Name);
            }
        }

        outcomes.Should().Contain(nameof(ArrowFormatException), "some damage must be detected");
    }

    [Fact]
    public void Bytes_that_are_not_parquet_are_a_format_error()
    {
        var act = () => ParquetTables.Read(ArrowFileWriter.Write(ArrowSamples.AllTypesSchema(), []));

        act.Should().Throw<ArrowFormatException>();
    }

    private static ArrowTable ExtendedSample(ArrowField item)
    {
        var strings = ArrowColumn.FromStrings(["a", "b"]);
        var tags = ArrowColumn.FromDictionary(ArrowType.Dictionary(ArrowType.Int8, ArrowType.Utf8), 3, 0, ReadOnlyMemory<byte>.Empty, new byte[] { 1, 0, 1 }, strings);
        var price = ArrowColumn.FromBuffers(ArrowType.Decimal128(10, 2), 3, 1, new byte[] { 0b011 }, ReadOnlyMemory<byte>.Empty, Decimals(12345, -50, 0));
        var items = ArrowColumn.FromInt32([1, 2, 3]);
        var samples = ArrowColumn.FromChildren(ArrowType.List(item), 3, 1, new byte[] { 0b011 }, Int32s(0, 2, 2, 2), [items]);
        var schema = new ArrowSchema([new ArrowField("tags", tags.Type), new ArrowField("price", price.Type), new ArrowField("samples", samples.Type)]);
        return new ArrowTable(schema, [new RecordBatch([tags, price, samples])]);
    }

    private static string Json(ArrowTable table)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            ArrowJson.Write(writer, table.Schema, table.Batches);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static byte[] Decimals(params long[] values)
    {
        var bytes = new byte[values.Length * 16];
        for (var i = 0; i < values.Length; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt128LittleEndian(bytes.AsSpan(i * 16), values[i]);
        }

        return bytes;
    }

    private static byte[] Int32s(params int[] values) => [.. values.SelectMany(BitConverter.GetBytes)];
}
