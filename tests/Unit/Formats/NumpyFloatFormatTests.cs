using FluentAssertions;
using Tiled.Formats.ArrayText;
using Xunit;

namespace Tiled.UnitTests.Formats;

// Expected texts are numpy 1.24's str() of the scalar with exactly these bits.
public sealed class NumpyFloatFormatTests
{
    public static TheoryData<ulong, string> Doubles => new()
    {
        { 0x3f1a36e2eb1c432cUL, "9.999999999999999e-05" },
        { 0x3f1a36e2eb1c432dUL, "0.0001" },
        { 0x4341c37937e07fffUL, "9999999999999998.0" },
        { 0x4341c37937e08000UL, "1e+16" },
        { 0x3f1a36e2eb1c432fUL, "0.00010000000000000003" },
        { 0x0010000000000000UL, "2.2250738585072014e-308" },
        { 0x0000000000000001UL, "5e-324" },
        { 0x7fefffffffffffffUL, "1.7976931348623157e+308" },
        { 0x3fd5555555555555UL, "0.3333333333333333" },
        { 0x3fe5555555555555UL, "0.6666666666666666" },
        { 0x54b249ad2594c37dUL, "1e+100" },
        { 0x405ec00000000000UL, "123.0" },
        { 0x43e56a95319d63e1UL, "1.2345678901234567e+19" },
        { 0x3fe0000000000000UL, "0.5" },
        { 0x3e7ad7f29abcaf48UL, "1e-07" },
        { 0x3eff75104d551d69UL, "3e-05" },
        { 0x42dbf86f58e8a85bUL, "123015335748257.42" },
        { 0x3dc06c783badd7feUL, "2.9874553750846984e-11" },
        { 0xc0a56ac1d1c7c60eUL, "-2741.378553622176" },
        { 0xc2d43fed4135a3dbUL, "-89059183875727.42" },
        { 0xbe6868f29bbc3118UL, "-4.5467078517172256e-08" },
        { 0xc2a209b6d025193fUL, "-9916465549964.623" },
        { 0x0000000000000000UL, "0.0" },
        { 0x8000000000000000UL, "-0.0" },
        { 0x7ff8000000000000UL, "nan" },
        { 0xfff8000000000000UL, "nan" },
        { 0x7ff0000000000000UL, "inf" },
        { 0xfff0000000000000UL, "-inf" },
    };

    public static TheoryData<uint, string> Singles => new()
    {
        { 0x3eaaaaabU, "0.33333334" },
        { 0x006ce3eeU, "1e-38" },
        { 0x38d18167U, "9.99e-05" },
        { 0x38d1b717U, "1e-04" },
        { 0x38d1bc76U, "0.00010001" },
        { 0x5a0e1b6dU, "9999900000000000.0" },
        { 0x5a0e1bcaU, "1e+16" },
        { 0x4b800001U, "16777218.0" },
        { 0x00000005U, "7e-45" },
        { 0xc27830a1U, "-62.04749" },
        { 0x43f4ebc8U, "489.84204" },
        { 0x455f0decU, "3568.87" },
        { 0x42d2d418U, "105.414246" },
        { 0xc4689df4U, "-930.468" },
    };

    public static TheoryData<ushort, string> Halves => new()
    {
        { 0x3555, "0.3333" },
        { 0x03ff, "6.1e-05" },
        { 0x0001, "6e-08" },
        { 0x068e, "0.0001" },
        { 0x066c, "9.8e-05" },
        { 0x7b53, "60000.0" },
        { 0x2e66, "0.1" },
        { 0x63d1, "1000.5" },
        { 0x7bff, "65500.0" },
        { 0xfc00, "-inf" },
    };

    [Theory]
    [MemberData(nameof(Doubles))]
    public void Float64_prints_as_numpy_str(ulong bits, string expected) =>
        Format(span => NumpyFloatFormat.Format(BitConverter.UInt64BitsToDouble(bits), span)).Should().Be(expected);

    [Theory]
    [MemberData(nameof(Singles))]
    public void Float32_prints_its_own_shortest_digits_as_numpy_str(uint bits, string expected) =>
        Format(span => NumpyFloatFormat.Format(BitConverter.UInt32BitsToSingle(bits), span)).Should().Be(expected);

    [Theory]
    [MemberData(nameof(Halves))]
    public void Float16_prints_its_own_shortest_digits_as_numpy_str(ushort bits, string expected) =>
        Format(span => NumpyFloatFormat.Format(BitConverter.UInt16BitsToHalf(bits), span)).Should().Be(expected);

    [Fact]
    public void Formatted_doubles_parse_back_to_the_same_value()
    {
        var random = new Random(42);
        for (var i = 0; i < 10_000; i++)
        {
            var value = BitConverter.Int64BitsToDouble(random.NextInt64());
            if (!double.IsFinite(value))
            {
                continue;
            }

            var text = Format(span => NumpyFloatFormat.Format(value, span));

            double.Parse(text, System.Globalization.CultureInfo.InvariantCulture).Should().Be(value, text);
        }
    }

    private delegate int Formatter(Span<char> destination);

    private static string Format(Formatter format)
    {
        Span<char> buffer = stackalloc char[NumpyFloatFormat.MaxLength];
        return new string(buffer[..format(buffer)]);
    }
}
