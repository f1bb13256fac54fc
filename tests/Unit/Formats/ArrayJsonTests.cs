using System.Buffers;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using Tiled.Formats.ArrayText;
using Tiled.Formats.DataTypes;
using Xunit;
using static Tiled.UnitTests.Formats.ElementBytes;

namespace Tiled.UnitTests.Formats;

public sealed class ArrayJsonTests
{
    public static TheoryData<DataType, byte[], string> OneDimensional => new()
    {
        { DataType.Bool, [1, 0, 2], "[true,false,true]" },
        { DataType.Int8, Little<sbyte>(-128, 0, 127), "[-128,0,127]" },
        { DataType.UInt8, [0, 255], "[0,255]" },
        { DataType.Int16, Little<short>(-32768, 300), "[-32768,300]" },
        { BigEndian(DataType.Int16), Big<short>(-32768, 300), "[-32768,300]" },
        { DataType.UInt16, Little<ushort>(65535), "[65535]" },
        { BigEndian(DataType.UInt16), Big<ushort>(65535, 1), "[65535,1]" },
        { DataType.Int32, Little(int.MinValue, 7), "[-2147483648,7]" },
        { BigEndian(DataType.Int32), Big(int.MinValue, 7), "[-2147483648,7]" },
        { DataType.UInt32, Little(uint.MaxValue), "[4294967295]" },
        { BigEndian(DataType.UInt32), Big(uint.MaxValue, 2u), "[4294967295,2]" },
        { DataType.Int64, Little(long.MinValue, long.MaxValue), "[-9223372036854775808,9223372036854775807]" },
        { BigEndian(DataType.Int64), Big(long.MinValue, 1L), "[-9223372036854775808,1]" },
        { DataType.UInt64, Little(ulong.MaxValue), "[18446744073709551615]" },
        { BigEndian(DataType.UInt64), Big(ulong.MaxValue, 3UL), "[18446744073709551615,3]" },
        { DataType.Float64, Little(1.0, 0.1, 1e-5, 1e16, -0.0, 2.5), "[1.0,0.1,1e-05,1e+16,-0.0,2.5]" },
        { BigEndian(DataType.Float64), Big(1.0, -1.5e300), "[1.0,-1.5e+300]" },
        { DataType.Float32, Little(0.1f, 1e-4f, 16777216f), "[0.1,1e-04,16777216.0]" },
        { BigEndian(DataType.Float32), Big(0.1f, 3.4e38f), "[0.1,3.4e+38]" },
        { new DataType('f', 2, Endianness.Little), Little((Half)0.1, (Half)65504, (Half)1e-5), "[0.1,65500.0,1e-05]" },
        { new DataType('f', 2, Endianness.Big), Big((Half)0.1, (Half)(-2)), "[0.1,-2.0]" },
        { DataType.Complex64, Little(1f, 2f, -0.5f, 0f), "[[1.0,2.0],[-0.5,0.0]]" },
        { BigEndian(DataType.Complex64), Big(1f, 2f), "[[1.0,2.0]]" },
        { DataType.Complex128, Little(0.1, -3.0), "[[0.1,-3.0]]" },
        { BigEndian(DataType.Complex128), Big(0.1, -3.0), "[[0.1,-3.0]]" },
        { new DataType('M', 8, Endianness.Little, "[ns]"), Little(1_600_000_000_000_000_000L, long.MinValue), "[1600000000000000000,-9223372036854775808]" },
        { new DataType('M', 8, Endianness.Big, "[s]"), Big(86400L), "[86400]" },
        { new DataType('m', 8, Endianness.Little, "[ms]"), Little(-5L), "[-5]" },
        { new DataType('S', 3, Endianness.NotApplicable), Latin1(3, "ab", "abc", "", "a\0b", "\u00e9"), "[\"ab\",\"abc\",\"\",\"a\\u0000b\",\"é\"]" },
        { new DataType('U', 12, Endianness.Little), Ucs4(false, 3, "hé", "😀", ""), "[\"hé\",\"\\uD83D\\uDE00\",\"\"]" },
        { new DataType('U', 8, Endianness.Big), Ucs4(true, 2, "ab", "x"), "[\"ab\",\"x\"]" },
    };

    [Theory]
    [MemberData(nameof(OneDimensional))]
    public void Every_data_type_and_byte_order_decodes_to_its_json_values(DataType dtype, byte[] data, string expected) =>
        Json(data, dtype, [data.Length / dtype.ItemSize]).Should().Be(expected);

    [Fact]
    public void Non_finite_floats_become_null() =>
        Json(Little(double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1), DataType.Float64, [4])
            .Should().Be("[null,null,null,1.0]");

    [Fact]
    public void Non_finite_float32_and_complex_parts_become_null()
    {
        Json(Little(float.NaN), DataType.Float32, [1]).Should().Be("[null]");
        Json(Little(1.0, double.NaN), DataType.Complex128, [1]).Should().Be("[[1.0,null]]");
    }

    [Fact]
    public void A_zero_dimensional_array_is_a_bare_scalar()
    {
        Json(Little(42), DataType.Int32, []).Should().Be("42");
        Json(Little(1f, -1f), DataType.Complex64, []).Should().Be("[1.0,-1.0]");
    }

    [Fact]
    public void A_two_dimensional_array_is_a_list_of_rows_in_c_order() =>
        Json(Little(1, 2, 3, 4, 5, 6), DataType.Int32, [2, 3]).Should().Be("[[1,2,3],[4,5,6]]");

    [Fact]
    public void A_three_dimensional_array_nests_three_levels() =>
        Json(Big<short>(0, 1, 2, 3, 4, 5, 6, 7), BigEndian(DataType.Int16), [2, 2, 2]).Should().Be("[[[0,1],[2,3]],[[4,5],[6,7]]]");

    [Fact]
    public void Zero_length_dimensions_give_empty_lists()
    {
        Json([], DataType.Float64, [0]).Should().Be("[]");
        Json([], DataType.Float64, [2, 0]).Should().Be("[[],[]]");
        Json([], DataType.Float64, [0, 3]).Should().Be("[]");
    }

    [Fact]
    public void The_array_can_be_written_inside_a_callers_document()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "array-data");
            writer.WritePropertyName("payload");
            ArrayJson.Write(writer, Little(4L, 5L, 6L), DataType.Int64, [3]);
            writer.WriteEndObject();
        }

        Encoding.UTF8.GetString(buffer.WrittenSpan).Should().Be("""{"type":"array-data","payload":[4,5,6]}""");
    }

    [Fact]
    public void Serialized_json_parses_back_to_the_same_numbers()
    {
        var values = new[] { 0.1, 1.0 / 3, 1e-300, 123456789.123, -2.5e-7, 1e22 };

        using var document = JsonDocument.Parse(ArrayJson.Serialize(Little(values), DataType.Float64, [values.Length]));

        document.RootElement.EnumerateArray().Select(e => e.GetDouble()).Should().Equal(values);
    }

    [Fact]
    public void Raw_void_elements_are_not_supported()
    {
        var act = () => ArrayJson.Serialize(new byte[4], new DataType('V', 4, Endianness.NotApplicable), [1]);

        act.Should().Throw<NotSupportedException>();
    }

    [Theory]
    [InlineData('f', 16)]
    [InlineData('i', 3)]
    [InlineData('c', 32)]
    [InlineData('U', 6)]
    [InlineData('O', 8)]
    public void Kinds_and_sizes_without_a_text_form_are_not_supported(char kind, int itemSize)
    {
        var act = () => ArrayJson.Serialize(new byte[itemSize], new DataType(kind, itemSize, Endianness.Little), [1]);

        act.Should().Throw<NotSupportedException>();
    }

    [Theory]
    [InlineData(7)]
    [InlineData(9)]
    [InlineData(0)]
    public void Data_of_the_wrong_length_for_the_shape_is_rejected(int length)
    {
        var act = () => ArrayJson.Serialize(new byte[length], DataType.Int16, [2, 2]);

        act.Should().Throw<ArgumentException>().WithMessage("*Shape [2, 2]*");
    }

    [Fact]
    public void A_negative_extent_is_rejected()
    {
        var act = () => ArrayJson.Serialize([], DataType.Int16, [-1]);

        act.Should().Throw<ArgumentException>().WithMessage("*negative*");
    }

    private static DataType BigEndian(DataType dtype) => dtype with { Endianness = Endianness.Big };

    private static string Json(byte[] data, DataType dtype, long[] shape) =>
        Encoding.UTF8.GetString(ArrayJson.Serialize(data, dtype, shape));
}
