using FluentAssertions;
using Tiled.Formats.ArrayText;
using Tiled.Formats.DataTypes;
using Xunit;
using static Tiled.UnitTests.Formats.ElementBytes;

namespace Tiled.UnitTests.Formats;

// Expected texts were produced with numpy 1.24: numpy.savetxt(file, array, fmt="%s", delimiter=",").
public sealed class ArrayCsvTests
{
    public static TheoryData<DataType, byte[], string> OneDimensional => new()
    {
        { DataType.Bool, [1, 0], "True\nFalse\n" },
        { DataType.Int8, Little<sbyte>(-128), "-128\n" },
        { DataType.UInt8, [0, 255], "0\n255\n" },
        { DataType.Int16, Little<short>(-2, 300), "-2\n300\n" },
        { BigEndian(DataType.Int16), Big<short>(-2, 300), "-2\n300\n" },
        { DataType.UInt16, Little<ushort>(65535), "65535\n" },
        { BigEndian(DataType.UInt16), Big<ushort>(65535), "65535\n" },
        { DataType.Int32, Little(int.MinValue), "-2147483648\n" },
        { BigEndian(DataType.Int32), Big(int.MinValue), "-2147483648\n" },
        { DataType.UInt32, Little(uint.MaxValue), "4294967295\n" },
        { BigEndian(DataType.UInt32), Big(uint.MaxValue), "4294967295\n" },
        { DataType.Int64, Little(long.MinValue + 1, long.MaxValue), "-9223372036854775807\n9223372036854775807\n" },
        { BigEndian(DataType.Int64), Big(long.MaxValue), "9223372036854775807\n" },
        { DataType.UInt64, Little(ulong.MaxValue), "18446744073709551615\n" },
        { BigEndian(DataType.UInt64), Big(ulong.MaxValue), "18446744073709551615\n" },
        {
            DataType.Float64,
            Little(1.0, 0.1, 1e-5, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e16, 1e15, -0.0, 1e-4, 123456789.123),
            "1.0\n0.1\n1e-05\nnan\ninf\n-inf\n1e+16\n1000000000000000.0\n-0.0\n0.0001\n123456789.123\n"
        },
        { BigEndian(DataType.Float64), Big(1.5e300, -2.5e-300), "1.5e+300\n-2.5e-300\n" },
        { DataType.Float32, Little(0.1f, 0.2f, 1e-4f), "0.1\n0.2\n1e-04\n" },
        { BigEndian(DataType.Float32), Big(0.1f, float.NaN), "0.1\nnan\n" },
        { new DataType('f', 2, Endianness.Little), Little((Half)0.1, (Half)65504), "0.1\n65500.0\n" },
        { new DataType('f', 2, Endianness.Big), Big((Half)3.14159), "3.14\n" },
        { DataType.Complex128, Little(1.0, 2.0, 1.0, -2.0, double.NaN, -0.0), " (1.0+2.0j)\n (1.0-2.0j)\n (nan-0.0j)\n" },
        { BigEndian(DataType.Complex128), Big(double.PositiveInfinity, double.NegativeInfinity), " (inf-infj)\n" },
        { DataType.Complex64, Little(0.1f, 0.2f), " (0.1+0.2j)\n" },
        { BigEndian(DataType.Complex64), Big(0.1f, -0.2f), " (0.1-0.2j)\n" },
        { new DataType('S', 2, Endianness.NotApplicable), Latin1(2, "", "\\", "\"'", "\u007f\u0080"), "b''\nb'\\\\'\nb'\"\\''\nb'\\x7f\\x80'\n" },
        { new DataType('S', 3, Endianness.NotApplicable), Latin1(3, "a'b", "x\ny"), "b\"a'b\"\nb'x\\ny'\n" },
        { new DataType('U', 20, Endianness.Little), Ucs4(false, 5, "héllo", "a,b", "", "x\ny"), "héllo\na,b\n\nx\ny\n" },
        { new DataType('U', 8, Endianness.Big), Ucs4(true, 2, "😀"), "😀\n" },
    };

    public static TheoryData<string, long[], string> DateTimes => new()
    {
        { "[ms]", [1_582_979_696_789, -1, long.MinValue], "2020-02-29T12:34:56.789\n1969-12-31T23:59:59.999\nNaT\n" },
        { "[D]", [18321, -719162, 2932896], "2020-02-29\n0001-01-01\n9999-12-31\n" },
        { "[W]", [0, 1, -1], "1970-01-01\n1970-01-08\n1969-12-25\n" },
        { "[M]", [0, 601, -1], "1970-01\n2020-02\n1969-12\n" },
        { "[Y]", [1_234_567, -1, -2000], "1236537\n1969\n-030\n" },
        { "[h]", [0, -1], "1970-01-01T00\n1969-12-31T23\n" },
        { "[m]", [0, -1], "1970-01-01T00:00\n1969-12-31T23:59\n" },
        { "[s]", [1_234_567, -1_000_000_000_000_000], "1970-01-15T06:56:07\n-31686769-06-29T22:13:20\n" },
        { "[us]", [1, -1], "1970-01-01T00:00:00.000001\n1969-12-31T23:59:59.999999\n" },
        { "[ns]", [1_234_567, -1_234_567], "1970-01-01T00:00:00.001234567\n1969-12-31T23:59:59.998765433\n" },
        { "[ps]", [1, -1], "1970-01-01T00:00:00.000000000001\n1969-12-31T23:59:59.999999999999\n" },
        { "[as]", [1, -1], "1970-01-01T00:00:00.000000000000000001\n1969-12-31T23:59:59.999999999999999999\n" },
        { "[10s]", [1, 2], "1970-01-01T00:00:10\n1970-01-01T00:00:20\n" },
    };

    public static TheoryData<string, long[], string> TimeDeltas => new()
    {
        { "[ms]", [3, -2, long.MinValue], "3 milliseconds\n-2 milliseconds\nNaT\n" },
        { "[10s]", [3], "30 seconds\n" },
        { "[D]", [1, 2], "1 days\n2 days\n" },
        { "[generic]", [5], "5 generic time units\n" },
    };

    [Theory]
    [MemberData(nameof(OneDimensional))]
    public void Every_data_type_and_byte_order_prints_as_numpy_savetxt_does(DataType dtype, byte[] data, string expected) =>
        ArrayCsv.Write(data, dtype, [data.Length / dtype.ItemSize]).Should().Be(expected);

    [Theory]
    [MemberData(nameof(DateTimes))]
    public void Datetimes_print_in_iso_8601_at_their_unit(string units, long[] ticks, string expected) =>
        ArrayCsv.Write(Little(ticks), new DataType('M', 8, Endianness.Little, units), [ticks.Length]).Should().Be(expected);

    [Theory]
    [MemberData(nameof(TimeDeltas))]
    public void Timedeltas_print_as_a_count_of_units(string units, long[] ticks, string expected) =>
        ArrayCsv.Write(Little(ticks), new DataType('m', 8, Endianness.Little, units), [ticks.Length]).Should().Be(expected);

    [Fact]
    public void Big_endian_datetimes_are_swapped() =>
        ArrayCsv.Write(Big(86_400L), new DataType('M', 8, Endianness.Big, "[s]"), [1]).Should().Be("1970-01-02T00:00:00\n");

    [Fact]
    public void An_unknown_datetime_unit_is_not_supported()
    {
        var act = () => ArrayCsv.Write(Little(1L), new DataType('M', 8, Endianness.Little, "[fortnight]"), [1]);

        act.Should().Throw<NotSupportedException>().WithMessage("*fortnight*");
    }

    [Fact]
    public void A_two_dimensional_array_prints_comma_separated_rows() =>
        ArrayCsv.Write(Big<short>(1, 2, 3, 4, 5, 6), BigEndian(DataType.Int16), [2, 3]).Should().Be("1,2,3\n4,5,6\n");

    [Fact]
    public void Complex_columns_keep_savetxt_leading_spaces() =>
        ArrayCsv.Write(Little(1.0, 2.0, -1.5, -0.25, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0), DataType.Complex128, [2, 2])
            .Should().Be(" (1.0+2.0j), (-1.5-0.25j)\n (inf-infj), (0.0-0.0j)\n");

    [Fact]
    public void Bools_in_rows_print_as_python_words() =>
        ArrayCsv.Write([1, 0], DataType.Bool, [1, 2]).Should().Be("True,False\n");

    [Fact]
    public void A_zero_dimensional_array_prints_its_one_value() =>
        ArrayCsv.Write(Little(2.5), DataType.Float64, []).Should().Be("2.5\n");

    [Fact]
    public void Empty_arrays_print_as_savetxt_does()
    {
        ArrayCsv.Write([], DataType.Float64, [0]).Should().BeEmpty();
        ArrayCsv.Write([], DataType.Float64, [0, 3]).Should().BeEmpty();
        ArrayCsv.Write([], DataType.Float64, [2, 0]).Should().Be("\n\n");
    }

    [Fact]
    public void More_than_two_dimensions_are_not_supported()
    {
        var act = () => ArrayCsv.Write(new byte[8], DataType.UInt8, [2, 2, 2]);

        act.Should().Throw<NotSupportedException>().WithMessage("CSV supports arrays of up to 2 dimensions");
    }

    [Fact]
    public void Raw_void_elements_are_not_supported()
    {
        var act = () => ArrayCsv.Write(new byte[4], new DataType('V', 4, Endianness.NotApplicable), [1]);

        act.Should().Throw<NotSupportedException>();
    }

    [Fact]
    public void Data_of_the_wrong_length_is_rejected()
    {
        var act = () => ArrayCsv.Write(new byte[3], DataType.Int32, [1]);

        act.Should().Throw<ArgumentException>();
    }

    private static DataType BigEndian(DataType dtype) => dtype with { Endianness = Endianness.Big };
}
