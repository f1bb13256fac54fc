using FluentAssertions;
using Tiled.Client;
using Tiled.Domain.Arrays;
using Xunit;

namespace Tiled.UnitTests.Client;

public sealed class SliceShapeTests
{
    [Theory]
    [InlineData(new long[] { 6 }, "1:4", new long[] { 3 })]
    [InlineData(new long[] { 6 }, "::-2", new long[] { 3 })]
    [InlineData(new long[] { 4, 5 }, "1:4:2,::-2", new long[] { 2, 3 })]
    [InlineData(new long[] { 4, 5 }, ":,-1", new long[] { 4 })]
    [InlineData(new long[] { 4, 5, 6 }, "0", new long[] { 5, 6 })]
    [InlineData(new long[] { 3 }, "5:", new long[] { 0 })]
    public void Client_slice_shape_matches_numpy_examples(long[] shape, string slice, long[] expected) =>
        SliceShape.Of(shape, slice).Should().Equal(expected);

    [Fact]
    public void Client_slice_shape_agrees_with_the_server_geometry_on_random_slices()
    {
        var random = new Random(7);
        string Bound(long n) => random.Next(3) == 0 ? "" : (random.Next((int)(-2 * n) - 2, (int)(2 * n) + 2)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < 2000; i++)
        {
            var shape = Enumerable.Range(0, random.Next(1, 4)).Select(_ => (long)random.Next(0, 7)).ToArray();
            var items = shape.Select(n =>
            {
                var step = random.Next(4) == 0 ? "" : (random.Next(1, 4) * (random.Next(2) == 0 ? -1 : 1)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return $"{Bound(n)}:{Bound(n)}:{step}";
            });
            var slice = string.Join(',', items);

            SliceShape.Of(shape, slice).Should().Equal(ArraySlice.Parse(slice).Resolve(shape).ResultShape, slice);
        }
    }
}
