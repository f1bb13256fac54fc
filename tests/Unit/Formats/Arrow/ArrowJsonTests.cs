using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FluentAssertions;
using Tiled.Formats.Arrow;
using Xunit;

namespace Tiled.UnitTests.Formats.Arrow;

public sealed class ArrowJsonTests
{
    [Fact]
    public void Columns_become_arrays_of_values_with_nulls_across_batches()
    {
        var schema = new ArrowSchema([new ArrowField("a", ArrowType.Int64), new ArrowField("b", ArrowType.Utf8)]);
        var batches = new[]
        {
            new RecordBatch([ArrowColumn.FromInt64([1, null]), ArrowColumn.FromStrings(["x", "q\"\n"])]),
            new RecordBatch([ArrowColumn.FromInt64([long.MaxValue]), ArrowColumn.FromStrings([null])]),
        };

        Json(schema, batches).Should().Be("""{"a":[1,null,9223372036854775807],"b":["x","q\"\n",null]}""");
    }

    [Fact]
    public void Numbers_are_exact_and_non_finite_floats_are_null()
    {
        var schema = new ArrowSchema([
            new ArrowField("u", ArrowType.UInt64), new ArrowField("f", ArrowType.Float32), new ArrowField("d", ArrowType.Float64),
            new ArrowField("h", ArrowType.Float16), new ArrowField("t", ArrowType.Bool), new ArrowField("i", ArrowType.Int8)]);
        var batch = new RecordBatch([
            ArrowColumn.FromUInt64([ulong.MaxValue, 0]), ArrowColumn.FromFloat32([0.1f, float.NaN]), ArrowColumn.FromFloat64([1e300, double.NegativeInfinity]),
            ArrowColumn.FromFloat16([(Half)0.5, Half.PositiveInfinity]), ArrowColumn.FromBooleans([true, false]), ArrowColumn.FromInt8([-128, null])]);

        Json(schema, [batch]).Should().Be("""{"u":[18446744073709551615,0],"f":[0.1,null],"d":[1E+300,null],"h":[0.5,null],"t":[true,false],"i":[-128,null]}""");
    }

    [Fact]
    public void Timestamps_are_iso_8601_with_the_fewest_exact_fraction_digits_and_the_zone_offset()
    {
        var schema = new ArrowSchema([
            new ArrowField("utc", ArrowType.Timestamp(ArrowTimeUnit.Nanosecond, "UTC")),
            new ArrowField("naive", ArrowType.Timestamp(ArrowTimeUnit.Millisecond)),
            new ArrowField("paris", ArrowType.Timestamp(ArrowTimeUnit.Microsecond, "Europe/Paris")),
            new ArrowField("fixed", ArrowType.Timestamp(ArrowTimeUnit.Second, "-07:30"))]);
        var batch = new RecordBatch([
            ArrowColumn.FromTimestamps([1_577_836_800_123_456_789, 1_577_836_800_100_000_000], ArrowTimeUnit.Nanosecond, "UTC"),
            ArrowColumn.FromTimestamps([1_577_836_800_000, -1], ArrowTimeUnit.Millisecond),
            ArrowColumn.FromTimestamps([1_577_836_800_123_456, 1_593_561_600_000_000], ArrowTimeUnit.Microsecond, "Europe/Paris"),
            ArrowColumn.FromTimestamps([0, null], ArrowTimeUnit.Second, "-07:30")]);

        var expected = """
            {"utc":["2020-01-01T00:00:00.123456789+00:00","2020-01-01T00:00:00.100+00:00"],
            "naive":["2020-01-01T00:00:00","1969-12-31T23:59:59.999"],
            "paris":["2020-01-01T01:00:00.123456+01:00","2020-07-01T02:00:00+02:00"],
            "fixed":["1969-12-31T16:30:00-07:30",null]}
            """;

        Json(schema, [batch]).Should().Be(expected.Replace("\n", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void Dates_and_times_are_iso_8601_and_durations_are_raw_counts()
    {
        var schema = new ArrowSchema([
            new ArrowField("d32", ArrowType.Date32), new ArrowField("d64", ArrowType.Date64),
            new ArrowField("t32", ArrowType.Time32(ArrowTimeUnit.Millisecond)), new ArrowField("t64", ArrowType.Time64(ArrowTimeUnit.Nanosecond)),
            new ArrowField("dur", ArrowType.Duration(ArrowTimeUnit.Second))]);
        var batch = new RecordBatch([
            ArrowColumn.FromDate32([18262]), ArrowColumn.FromDate64([-86_400_000]),
            ArrowColumn.FromTime32([500], ArrowTimeUnit.Millisecond), ArrowColumn.FromTime64([86_399_999_999_999], ArrowTimeUnit.Nanosecond),
            ArrowColumn.FromDurations([-5], ArrowTimeUnit.Second)]);

        Json(schema, [batch]).Should().Be("""{"d32":["2020-01-01"],"d64":["1969-12-31"],"t32":["00:00:00.500"],"t64":["23:59:59.999999999"],"dur":[-5]}""");
    }

    [Fact]
    public void Values_outside_the_calendar_are_written_as_raw_integers()
    {
        var schema = new ArrowSchema([new ArrowField("s", ArrowType.Timestamp(ArrowTimeUnit.Second)), new ArrowField("d", ArrowType.Date32)]);
        var batch = new RecordBatch([ArrowColumn.FromTimestamps([long.MaxValue], ArrowTimeUnit.Second), ArrowColumn.FromDate32([int.MinValue])]);

        Json(schema, [batch]).Should().Be("""{"s":[9223372036854775807],"d":[-2147483648]}""");
    }

    [Fact]
    public void Binary_values_are_base64()
    {
        var schema = new ArrowSchema([new ArrowField("b", ArrowType.LargeBinary)]);

        Json(schema, [new RecordBatch([ArrowColumn.FromBinary([[0, 255], []], large: true)])]).Should().Be("""{"b":["AP8=",""]}""");
    }

    [Fact]
    public void Requested_columns_come_in_the_requested_order()
    {
        var schema = ArrowSamples.AllTypesSchema();

        var json = Json(schema, [ArrowSamples.AllTypesBatch(1)], ["int16", "uint16", "bool"]);

        json.Should().Be("""{"int16":[1],"uint16":[0],"bool":[null]}""");
    }

    [Fact]
    public void An_unknown_column_is_refused_like_tiled_does()
    {
        var act = () => Json(ArrowSamples.AllTypesSchema(), [], ["nope"]);

        act.Should().Throw<ArgumentException>().WithMessage("No such field nope.*");
    }

    [Fact]
    public void Every_sample_type_writes_valid_json()
    {
        var json = Json(ArrowSamples.AllTypesSchema(), ArrowSamples.AllTypesBatches());

        using var document = JsonDocument.Parse(json);
        document.RootElement.EnumerateObject().Should().HaveCount(30).And.OnlyContain(p => p.Value.GetArrayLength() == 7);
    }

    private static string Json(ArrowSchema schema, IReadOnlyList<RecordBatch> batches, IReadOnlyList<string>? columns = null)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            ArrowJson.Write(writer, schema, batches, columns);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
