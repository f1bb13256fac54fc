using System.Runtime.InteropServices;
using FluentAssertions;
using Tiled.Formats.Arrow;
using Xunit;

namespace Tiled.UnitTests.Formats.Arrow;

public sealed class ArrowRoundTripTests
{
    public static TheoryData<string> ColumnNames => new(ArrowSamples.Columns.Select(c => c.Name));

    public static TheoryData<string> Formats => new() { "file", "stream" };

    [Theory]
    [MemberData(nameof(ColumnNames))]
    public void Every_type_round_trips_with_nulls_through_the_file_format(string name)
    {
        var (schema, batch) = OneColumn(name, rows: 4);

        var table = ArrowFileReader.Read(ArrowFileWriter.Write(schema, [batch]));

        table.Schema.Should().Be(schema);
        ArrowTestValues.ShouldMatch(table.Batches.Single(), batch);
    }

    [Theory]
    [MemberData(nameof(ColumnNames))]
    public void Every_type_round_trips_with_nulls_through_the_stream_format(string name)
    {
        var (schema, batch) = OneColumn(name, rows: 4);

        var table = ArrowStreamReader.Read(ArrowStreamWriter.Write(schema, [batch]));

        table.Schema.Should().Be(schema);
        ArrowTestValues.ShouldMatch(table.Batches.Single(), batch);
    }

    [Theory]
    [MemberData(nameof(ColumnNames))]
    public void Every_type_round_trips_without_nulls(string name)
    {
        var (schema, batch) = OneColumn(name, rows: 4);
        var column = batch.Columns[0];
        var valid = Enumerable.Range(0, column.Length).Where(column.IsValid).ToList();
        var dense = new RecordBatch([column.Slice(valid[0], 1)]);

        var table = ArrowFileReader.Read(ArrowFileWriter.Write(schema, [dense]));

        table.Batches.Single().Columns[0].NullCount.Should().Be(0);
        table.Batches.Single().Columns[0].Validity.IsEmpty.Should().BeTrue();
        ArrowTestValues.ShouldMatch(table.Batches.Single(), dense);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Several_batches_including_an_empty_one_keep_their_order_and_values(string format)
    {
        var schema = ArrowSamples.AllTypesSchema();
        var batches = ArrowSamples.AllTypesBatches();

        var table = Read(format, Write(format, schema, batches));

        table.Schema.Should().Be(schema);
        table.Batches.Select(b => b.Length).Should().Equal(4, 0, 3);
        table.RowCount.Should().Be(7);
        for (var i = 0; i < batches.Count; i++)
        {
            ArrowTestValues.ShouldMatch(table.Batches[i], batches[i]);
        }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_table_without_batches_keeps_its_schema(string format)
    {
        var schema = ArrowSamples.AllTypesSchema();

        var table = Read(format, Write(format, schema, []));

        table.Schema.Should().Be(schema);
        table.Batches.Should().BeEmpty();
    }

    [Fact]
    public void Schema_and_field_metadata_and_nullability_are_kept_verbatim()
    {
        var schema = ArrowSamples.AllTypesSchema();

        var read = ArrowFileReader.Read(ArrowFileWriter.Write(schema, [])).Schema;

        read.Metadata.Should().Equal(ArrowSamples.PandasMetadata);
        read.Metadata[2].Should().Be(new KeyValuePair<string, string>("comment", "pairs keep their order"));
        read.Fields.Select(f => f.Nullable).Should().Equal(schema.Fields.Select(f => f.Nullable));
        read.Fields[3].Metadata.TryGetValue("note", out var note).Should().BeTrue();
        note.Should().Be("é,\"x\"");
    }

    [Fact]
    public void Duplicate_metadata_keys_are_refused_when_built_as_apache_arrow_cannot_keep_them()
    {
        var act = () => new ArrowMetadata([new("k", "1"), new("k", "2")]);

        act.Should().Throw<ArgumentException>().WithMessage("*'k'*");
    }

    [Fact]
    public void Time_zones_and_units_survive_a_round_trip()
    {
        var schema = ArrowSamples.AllTypesSchema();

        var read = ArrowStreamReader.Read(ArrowStreamWriter.Write(schema, [])).Schema;

        read.Fields.Select(f => f.Type.ToString()).Should().Contain(
            ["timestamp[s]", "timestamp[ms, tz=UTC]", "timestamp[us, tz=Europe/Paris]", "timestamp[ns, tz=+07:30]", "duration[ns]", "time32[ms]", "time64[us]", "date64[ms]"]);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Sliced_columns_are_written_from_their_offset(string format)
    {
        var schema = ArrowSamples.AllTypesSchema();
        var whole = ArrowSamples.AllTypesBatch(4);
        var slice = whole.Slice(1, 3);

        var table = Read(format, Write(format, schema, [slice]));

        ArrowTestValues.ShouldMatch(table.Batches.Single(), slice);
        for (var c = 0; c < whole.Columns.Count; c++)
        {
            ArrowTestValues.Of(table.Batches[0].Columns[c]).Should().Equal(ArrowTestValues.Of(whole.Columns[c]).Skip(1));
        }
    }

    [Fact]
    public void Bitmaps_sliced_off_a_byte_boundary_keep_every_bit()
    {
        var values = Enumerable.Range(0, 37).Select(i => i % 3 == 0 ? (bool?)null : i % 2 == 0).ToArray();
        var column = ArrowColumn.FromBooleans(values).Slice(5, 29);
        var schema = new ArrowSchema([new ArrowField("b", ArrowType.Bool)]);

        var read = ArrowFileReader.Read(ArrowFileWriter.Write(schema, [new RecordBatch([column])])).Batches[0].Columns[0];

        ArrowTestValues.Of(read).Should().Equal(values.Skip(5).Take(29).Select(v => (object?)v));
        read.NullCount.Should().Be(values.Skip(5).Take(29).Count(v => v is null));
    }

    [Fact]
    public void A_batch_without_columns_keeps_its_row_count()
    {
        var schema = new ArrowSchema([]);

        var table = ArrowFileReader.Read(ArrowFileWriter.Write(schema, [new RecordBatch(5, [])]));

        table.Batches.Single().Length.Should().Be(5);
        table.Schema.Fields.Should().BeEmpty();
    }

    [Fact]
    public void The_file_format_has_magic_at_both_ends_and_8_byte_aligned_messages()
    {
        var bytes = ArrowFileWriter.Write(ArrowSamples.AllTypesSchema(), ArrowSamples.AllTypesBatches());

        bytes.AsSpan(0, 8).ToArray().Should().Equal("ARROW1\0\0"u8.ToArray());
        bytes.AsSpan(bytes.Length - 6).ToArray().Should().Equal("ARROW1"u8.ToArray());
        BitConverter.ToUInt32(bytes, 8).Should().Be(0xFFFFFFFF);
        (BitConverter.ToInt32(bytes, 12) % 8).Should().Be(0);
    }

    [Fact]
    public void The_stream_format_ends_with_the_end_of_stream_marker()
    {
        var bytes = ArrowStreamWriter.Write(ArrowSamples.AllTypesSchema(), ArrowSamples.AllTypesBatches());

        bytes.AsSpan(bytes.Length - 8).ToArray().Should().Equal(0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0);
        (bytes.Length % 8).Should().Be(0);
    }

    [Fact]
    public async Task Stream_overloads_write_the_same_bytes_and_read_them_back()
    {
        var schema = ArrowSamples.AllTypesSchema();
        var batches = ArrowSamples.AllTypesBatches();
        using var file = new MemoryStream();
        using var stream = new MemoryStream();

        await ArrowFileWriter.WriteAsync(file, schema, batches);
        ArrowStreamWriter.Write(stream, schema, batches);

        file.ToArray().Should().Equal(ArrowFileWriter.Write(schema, batches));
        stream.ToArray().Should().Equal(ArrowStreamWriter.Write(schema, batches));
        file.Position = 0;
        stream.Position = 0;
        (await ArrowFileReader.ReadAsync(file)).RowCount.Should().Be(7);
        (await ArrowStreamReader.ReadAsync(stream)).RowCount.Should().Be(7);
    }

    [Fact]
    public void Reading_is_zero_copy_over_the_input()
    {
        var bytes = ArrowFileWriter.Write(new ArrowSchema([new ArrowField("x", ArrowType.Int64)]), [new RecordBatch([ArrowColumn.FromInt64([1, 2, 3])])]);

        var column = ArrowFileReader.Read(bytes).Batches[0].Columns[0];
        MemoryMarshal.TryGetArray(column.Values, out var segment).Should().BeTrue();
        bytes[segment.Offset + 8] = 9;

        segment.Array.Should().BeSameAs(bytes);
        column.GetInt64(1).Should().Be(9);
    }

    [Fact]
    public void A_batch_that_does_not_match_the_schema_is_refused()
    {
        var schema = new ArrowSchema([new ArrowField("x", ArrowType.Int64)]);
        var batch = new RecordBatch([ArrowColumn.FromInt32([1])]);

        var act = () => ArrowFileWriter.Write(schema, [batch]);

        act.Should().Throw<ArgumentException>().WithMessage("*int32*int64*");
    }

    private static (ArrowSchema Schema, RecordBatch Batch) OneColumn(string name, int rows)
    {
        var all = ArrowSamples.AllTypesSchema();
        var index = all.IndexOf(name);
        return (all.Select([index]), ArrowSamples.AllTypesBatch(rows).Select([index]));
    }

    private static byte[] Write(string format, ArrowSchema schema, IReadOnlyList<RecordBatch> batches) =>
        format == "file" ? ArrowFileWriter.Write(schema, batches) : ArrowStreamWriter.Write(schema, batches);

    private static ArrowTable Read(string format, byte[] bytes) =>
        format == "file" ? ArrowFileReader.Read(bytes) : ArrowStreamReader.Read(bytes);
}
