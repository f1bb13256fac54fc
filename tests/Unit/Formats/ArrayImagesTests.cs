using FluentAssertions;
using Tiled.Formats.ArrayImage;
using Tiled.Formats.DataTypes;
using Xunit;

namespace Tiled.UnitTests.Formats;

public sealed class ArrayImagesTests
{
    private static byte[] Doubles(params double[] values) => [.. values.SelectMany(BitConverter.GetBytes)];

    [Fact]
    public void A_one_d_array_is_one_row_scaled_between_its_1st_and_99th_percentiles()
    {
        // 101 values 0..100: numpy's percentiles are 1 and 99, so 0 and 1 are black, 99 and 100 white.
        var image = ArrayImages.ToPixels(Doubles([.. Enumerable.Range(0, 101).Select(i => (double)i)]), DataType.Float64, [101]);

        (image.Width, image.Height, image.Channels).Should().Be((101, 1, 1));
        image.Pixels[0].Should().Be(0);
        image.Pixels[1].Should().Be(0);
        image.Pixels[50].Should().Be(128); // (50 - 1) / 98 * 255 = 127.5
        image.Pixels[99].Should().Be(255);
        image.Pixels[100].Should().Be(255);
    }

    [Fact]
    public void NaN_becomes_a_transparent_pixel_of_a_grey_and_alpha_image()
    {
        var image = ArrayImages.ToPixels(Doubles(0, double.NaN, 10, 20), DataType.Float64, [2, 2]);

        image.Channels.Should().Be(2);
        image.Pixels.Should().Equal(0, 255, 0, 0, 128, 255, 255, 255);
    }

    [Fact]
    public void Uint8_is_kept_bools_are_black_and_white_and_a_constant_image_is_black()
    {
        ArrayImages.ToPixels([3, 200, 7], DataType.UInt8, [3]).Pixels.Should().Equal(3, 200, 7);
        ArrayImages.ToPixels([0, 1], DataType.Bool, [1, 2]).Pixels.Should().Equal(0, 255);
        ArrayImages.ToPixels(Doubles(5, 5, 5, 5), DataType.Float64, [2, 2]).Pixels.Should().Equal(0, 0, 0, 0);
    }

    [Theory]
    [InlineData(new long[] { 2, 2, 2 })]
    [InlineData(new long[] { 1, 1, 1, 1 })]
    [InlineData(new long[] { })]
    [InlineData(new long[] { 0, 4 })]
    public void Shapes_that_are_not_an_image_are_refused(long[] shape)
    {
        var count = shape.Length == 0 ? 1 : (int)shape.Aggregate(1L, (a, b) => a * b);

        var act = () => ArrayImages.ToPixels(new byte[count * 8], DataType.Float64, shape);

        act.Should().Throw<NotSupportedException>();
    }
}
