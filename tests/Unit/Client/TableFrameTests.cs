using FluentAssertions;
using Tiled.Client;
using Tiled.Formats.Arrow;
using Xunit;

namespace Tiled.UnitTests.Client;

public sealed class TableFrameTests
{
    [Fact]
    public void Create_names_columns_in_order_with_nullable_fields()
    {
        var frame = TableFrame.Create(("x", ArrowColumn.FromInt64([1, null, 3])), ("s", ArrowColumn.FromStrings(["a", "b", null])));

        frame.ColumnNames.Should().Equal("x", "s");
        frame.RowCount.Should().Be(3);
        frame.Schema.Fields.Select(f => f.ToString()).Should().Equal("x: int64", "s: string");
        frame.Values("x").Should().Equal(1L, null, 3L);
        frame.Values("s").Should().Equal("a", "b", null);
    }

    [Fact]
    public void Convenience_overloads_build_the_usual_types()
    {
        var time = new DateTime(2020, 1, 31, 12, 0, 0, DateTimeKind.Utc);
        var frame = TableFrame.Empty
            .With("i", new long?[] { 1, null })
            .With("j", new int?[] { 2, 3 })
            .With("f", new double?[] { 0.5, double.NaN })
            .With("b", new bool?[] { null, true })
            .With("s", new[] { "x", null })
            .With("t", new DateTime?[] { time, null });

        frame.Schema.Fields.Select(f => f.Type.ToString()).Should().Equal("int64", "int32", "double", "bool", "string", "timestamp[ns]");
        frame.Values("j").Should().Equal(2L, 3L);
        frame.Values("b").Should().Equal(null, true);
        frame.Values("t").Should().Equal(time, null);
        ((double)frame.Values("f")[1]!).Should().Be(double.NaN);
    }

    [Fact]
    public void Columns_of_different_lengths_are_refused() =>
        FluentActions.Invoking(() => TableFrame.Create(("a", ArrowColumn.FromInt64([1])), ("b", ArrowColumn.FromInt64([1, 2]))))
            .Should().Throw<ArgumentException>().WithMessage("*'b' has 2 values*1 rows*");

    [Fact]
    public void An_unknown_column_name_is_a_key_not_found() =>
        FluentActions.Invoking(() => TableFrame.Empty.With("a", new long?[] { 1 })["b"]).Should().Throw<KeyNotFoundException>();

    [Fact]
    public void Several_batches_are_concatenated_column_by_column_for_every_layout()
    {
        var schema = new ArrowSchema(
            [new ArrowField("i", ArrowType.Int16), new ArrowField("b", ArrowType.Bool), new ArrowField("s", ArrowType.LargeUtf8),
             new ArrowField("y", ArrowType.Binary)],
            new ArrowMetadata([new("pandas", "{}")]));
        RecordBatch Batch(short?[] i, bool?[] b, string?[] s, byte[]?[] y) =>
            new([ArrowColumn.FromInt16(i), ArrowColumn.FromBooleans(b), ArrowColumn.FromStrings(s, large: true), ArrowColumn.FromBinary(y)]);
        var first = Batch([1, null, 3], [true, false, null], ["a", null, "ccc"], [[1], null, []]);
        var second = Batch([4, 5, 6, 7], [null, true, true, false], ["", "dd", null, "é"], [[2, 3], [4], null, [5]]).Slice(1, 2);

        var frame = TableFrame.Create(schema, [first, RecordBatch_Empty(), second]);

        frame.Schema.Should().Be(schema);
        frame.RowCount.Should().Be(5);
        frame.Values("i").Should().Equal(1L, null, 3L, 5L, 6L);
        frame.Values("b").Should().Equal(true, false, null, true, true);
        frame.Values("s").Should().Equal(new object?[] { "a", null, "ccc", "dd", null });
        frame.Values("y").Select(v => v is byte[] bytes ? Convert.ToHexString(bytes) : null).Should().Equal(new[] { "01", null, "", "04", null });

        static RecordBatch RecordBatch_Empty() =>
            new([ArrowColumn.FromInt16([]), ArrowColumn.FromBooleans([]), ArrowColumn.FromStrings([], large: true), ArrowColumn.FromBinary([])]);
    }

    [Fact]
    public void No_batches_give_empty_columns_of_the_schema_types()
    {
        var schema = new ArrowSchema([new ArrowField("a", ArrowType.Float64), new ArrowField("s", ArrowType.Utf8)]);

        var frame = TableFrame.Create(schema, []);

        frame.RowCount.Should().Be(0);
        frame.Columns.Select(c => c.Type).Should().Equal(ArrowType.Float64, ArrowType.Utf8);
        TableFrame.FromArrowFile(frame.ToArrowFile()).Schema.Should().Be(schema);
    }

    [Fact]
    public void Arrow_file_and_stream_round_trip_keeps_schema_and_values()
    {
        var frame = TableFrame.Empty.With("x", new long?[] { 7, null }).With("s", new[] { "q", "r" });

        var file = TableFrame.FromArrowFile(frame.ToArrowFile());
        var stream = TableFrame.FromArrowStream(frame.ToArrowStream());

        file.Schema.Should().Be(frame.Schema);
        stream.Schema.Should().Be(frame.Schema);
        file.Values("x").Should().Equal(7L, null);
        stream.Values("s").Should().Equal("q", "r");
    }

    [Fact]
    public void Dictionary_decimal_list_and_struct_columns_of_several_batches_give_their_values()
    {
        var item = new ArrowField("item", ArrowType.Int32);
        var point = ArrowType.Struct([new ArrowField("x", ArrowType.Int32), new ArrowField("y", ArrowType.Utf8)]);
        var schema = new ArrowSchema([
            new ArrowField("tag", ArrowType.Dictionary(ArrowType.Int8, ArrowType.Utf8)),
            new ArrowField("price", ArrowType.Decimal128(10, 2)),
            new ArrowField("samples", ArrowType.List(item)),
            new ArrowField("point", point),
        ]);
        RecordBatch Batch(string[] dictionary, byte[] indices, long cents, int[] items, int x, string y) => new([
            ArrowColumn.FromDictionary(schema.Fields[0].Type, indices.Length, 0, default, indices, ArrowColumn.FromStrings(dictionary)),
            ArrowColumn.FromBuffers(schema.Fields[1].Type, 1, 0, default, default, Int128Bytes(cents)),
            ArrowColumn.FromChildren(schema.Fields[2].Type, 1, 0, default, Int32Bytes(0, items.Length), [ArrowColumn.FromInt32([.. items.Select(v => (int?)v)])]),
            ArrowColumn.FromChildren(point, 1, 0, default, default, [ArrowColumn.FromInt32([x]), ArrowColumn.FromStrings([y])]),
        ]);

        var frame = TableFrame.Create(schema, [Batch(["a", "b"], [1], 12345, [1, 2], 7, "p"), Batch(["c"], [0], -50, [], 8, "q")]);
        var empty = TableFrame.Create(schema, []);

        frame.Values("tag").Should().Equal("b", "c");
        frame.Values("price").Should().Equal(123.45m, -0.50m);
        frame.Values("samples").Should().BeEquivalentTo(new object?[] { new object?[] { 1L, 2L }, Array.Empty<object?>() });
        frame.Values("point").Should().BeEquivalentTo(new object?[]
        {
            new Dictionary<string, object?> { ["x"] = 7L, ["y"] = "p" },
            new Dictionary<string, object?> { ["x"] = 8L, ["y"] = "q" },
        });
        empty.RowCount.Should().Be(0);
        empty.Schema.Should().Be(schema);
    }

    private static byte[] Int128Bytes(long value)
    {
        var bytes = new byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteInt128LittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] Int32Bytes(params int[] values) => [.. values.SelectMany(BitConverter.GetBytes)];
}
