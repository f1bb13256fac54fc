using FluentAssertions;
using Tiled.Formats.Arrow;
using Xunit;

namespace Tiled.UnitTests.Formats.Arrow;

public sealed class ArrowColumnTests
{
    [Fact]
    public void Factories_set_null_count_and_omit_the_bitmap_without_nulls()
    {
        var withNulls = ArrowColumn.FromInt64([1, null, 3]);
        var dense = ArrowColumn.FromInt64([1, 2, 3]);

        withNulls.NullCount.Should().Be(1);
        withNulls.IsNull(1).Should().BeTrue();
        withNulls.GetInt64(2).Should().Be(3);
        dense.NullCount.Should().Be(0);
        dense.Validity.IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void Typed_spans_view_the_values_without_copying()
    {
        var column = ArrowColumn.FromValues(ArrowType.Float64, new[] { 1.5, 2.5 }.AsSpan());

        column.GetValues<double>().ToArray().Should().Equal(1.5, 2.5);
        column.GetValues<long>().Length.Should().Be(2);
    }

    [Fact]
    public void A_getter_of_another_layout_throws_invalid_operation()
    {
        var column = ArrowColumn.FromInt32([1]);

        var act = () => column.GetInt64(0);

        act.Should().Throw<InvalidOperationException>().WithMessage("*int32*");
    }

    [Fact]
    public void An_index_outside_the_column_throws_argument_out_of_range()
    {
        var column = ArrowColumn.FromStrings(["a"]);

        var act = () => column.GetString(1);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Timestamps_and_dates_convert_to_utc_date_times()
    {
        var stamps = ArrowColumn.FromTimestamps([1_577_836_800_123_456_789, -1], ArrowTimeUnit.Nanosecond, "UTC");
        var days = ArrowColumn.FromDate32([18262]);

        stamps.GetDateTime(0).Should().Be(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(1_234_567));
        stamps.GetDateTime(1).Should().Be(DateTime.UnixEpoch.AddTicks(-1));
        days.GetDateTime(0).Should().Be(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void Slices_of_strings_share_the_data_and_keep_null_counts()
    {
        var column = ArrowColumn.FromStrings(["a", null, "ccc", "dd"]);

        var slice = column.Slice(1, 3);

        slice.NullCount.Should().Be(1);
        slice.GetString(1).Should().Be("ccc");
        slice.Values.Equals(column.Values).Should().BeTrue();
        ArrowTestValues.Of(slice).Should().Equal(new object?[] { null, "ccc", "dd" });
    }

    [Fact]
    public void Buffers_that_are_too_short_are_refused()
    {
        var act = () => ArrowColumn.FromBuffers(ArrowType.Int32, 3, 0, default, default, new byte[8]);

        act.Should().Throw<ArrowFormatException>().WithMessage("*12 bytes*");
    }

    [Fact]
    public void Decreasing_offsets_are_refused()
    {
        var offsets = new byte[12];
        BitConverter.TryWriteBytes(offsets.AsSpan(4), 3);
        BitConverter.TryWriteBytes(offsets.AsSpan(8), 1);

        var act = () => ArrowColumn.FromBuffers(ArrowType.Utf8, 2, 0, default, offsets, new byte[3]);

        act.Should().Throw<ArrowFormatException>().WithMessage("*decrease*");
    }

    [Fact]
    public void A_null_count_that_disagrees_with_the_bitmap_is_refused()
    {
        var act = () => ArrowColumn.FromBuffers(ArrowType.Int8, 3, 2, new byte[] { 0b110 }, default, new byte[3]);

        act.Should().Throw<ArrowFormatException>().WithMessage("*2 nulls*1*");
    }

    [Fact]
    public void Factories_refuse_a_dotnet_type_of_another_width()
    {
        var act = () => ArrowColumn.FromNullable(ArrowType.Int64, new int?[] { 1 });

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Types_print_as_pyarrow_does()
    {
        ArrowType.Timestamp(ArrowTimeUnit.Nanosecond, "UTC").ToString().Should().Be("timestamp[ns, tz=UTC]");
        ArrowType.Timestamp(ArrowTimeUnit.Second, string.Empty).Should().Be(ArrowType.Timestamp(ArrowTimeUnit.Second));
        ArrowType.UInt16.ToString().Should().Be("uint16");
        ArrowType.Float64.ToString().Should().Be("double");
        ArrowType.LargeUtf8.ToString().Should().Be("large_string");
        ArrowType.Duration(ArrowTimeUnit.Microsecond).ToString().Should().Be("duration[us]");
    }
}
