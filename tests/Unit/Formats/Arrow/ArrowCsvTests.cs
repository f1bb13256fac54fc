using FluentAssertions;
using Tiled.Formats.Arrow;
using Xunit;

namespace Tiled.UnitTests.Formats.Arrow;

public sealed class ArrowCsvTests
{
    [Fact]
    public void A_header_row_then_one_line_per_row_across_batches()
    {
        var schema = new ArrowSchema([new ArrowField("a", ArrowType.Int32), new ArrowField("b", ArrowType.Bool)]);
        var batches = new[]
        {
            new RecordBatch([ArrowColumn.FromInt32([1, null]), ArrowColumn.FromBooleans([true, false])]),
            new RecordBatch([ArrowColumn.FromInt32([3]), ArrowColumn.FromBooleans([null])]),
        };

        ArrowCsv.ToText(schema, batches).Should().Be("a,b\n1,True\n,False\n3,\n");
    }

    [Fact]
    public void Fields_with_commas_quotes_or_newlines_are_quoted()
    {
        var schema = new ArrowSchema([new ArrowField("x,y", ArrowType.Utf8)]);

        var csv = ArrowCsv.ToText(schema, [new RecordBatch([ArrowColumn.FromStrings(["plain", "a,b", "say \"hi\"", "two\nlines"])])]);

        csv.Should().Be("\"x,y\"\nplain\n\"a,b\"\n\"say \"\"hi\"\"\"\n\"two\nlines\"\n");
    }

    [Fact]
    public void Floats_print_as_python_repr_and_nan_is_empty()
    {
        var schema = new ArrowSchema([new ArrowField("d", ArrowType.Float64), new ArrowField("f", ArrowType.Float32)]);
        var batch = new RecordBatch([ArrowColumn.FromFloat64([1.0, 1e-5, double.NaN, double.PositiveInfinity]), ArrowColumn.FromFloat32([0.1f, 2f, 1e20f, null])]);

        ArrowCsv.ToText(schema, [batch]).Should().Be("d,f\n1.0,0.1\n1e-05,2.0\n,1e+20\ninf,\n");
    }

    [Fact]
    public void Timestamps_use_a_space_like_pandas_and_binary_uses_the_bytes_repr()
    {
        var schema = new ArrowSchema([new ArrowField("t", ArrowType.Timestamp(ArrowTimeUnit.Microsecond, "UTC")), new ArrowField("b", ArrowType.Binary)]);
        var batch = new RecordBatch([ArrowColumn.FromTimestamps([1_577_836_800_000_001], ArrowTimeUnit.Microsecond, "UTC"), ArrowColumn.FromBinary([[97, 44, 0]])]);

        ArrowCsv.ToText(schema, [batch]).Should().Be("t,b\n2020-01-01 00:00:00.000001+00:00,\"b'a,\\x00'\"\n");
    }

    [Fact]
    public void Requested_columns_only_in_their_order()
    {
        var csv = ArrowCsv.ToText(ArrowSamples.AllTypesSchema(), [ArrowSamples.AllTypesBatch(1)], ["uint64", "int16"]);

        csv.Should().Be("uint64,int16\n,1\n");
    }

    [Fact]
    public void Every_sample_type_writes_one_line_per_row()
    {
        var csv = ArrowCsv.ToText(ArrowSamples.AllTypesSchema(), ArrowSamples.AllTypesBatches());

        csv.Split('\n').Length.Should().BeGreaterThanOrEqualTo(1 + 7);
    }
}
