using FluentAssertions;
using Tiled.Domain.Arrays;
using Xunit;
using static Tiled.UnitTests.Domain.Arrays.Notation;

namespace Tiled.UnitTests.Domain.Arrays;

public sealed class ArraySliceResolveTests
{
    // Expected values are Python's list(range(n)[slice]).
    [Theory]
    [InlineData(10, ":", "0,1,2,3,4,5,6,7,8,9")]
    [InlineData(10, "2:", "2,3,4,5,6,7,8,9")]
    [InlineData(10, ":3", "0,1,2")]
    [InlineData(10, "2:8", "2,3,4,5,6,7")]
    [InlineData(10, "2:8:3", "2,5")]
    [InlineData(10, "::3", "0,3,6,9")]
    [InlineData(10, "::-1", "9,8,7,6,5,4,3,2,1,0")]
    [InlineData(10, "::-3", "9,6,3,0")]
    [InlineData(10, "8:2:-2", "8,6,4")]
    [InlineData(10, "-3:", "7,8,9")]
    [InlineData(10, ":-3", "0,1,2,3,4,5,6")]
    [InlineData(10, "-3:-1", "7,8")]
    [InlineData(10, "-100:100", "0,1,2,3,4,5,6,7,8,9")]
    [InlineData(10, "-100::3", "0,3,6,9")]
    [InlineData(10, "100:", "")]
    [InlineData(10, ":-100", "")]
    [InlineData(10, "5:5", "")]
    [InlineData(10, "7:2", "")]
    [InlineData(10, "2:7:-1", "")]
    [InlineData(10, "-1::-4", "9,5,1")]
    [InlineData(10, "100::-3", "9,6,3,0")]
    [InlineData(10, "-100::-1", "")]
    [InlineData(10, "3::-1", "3,2,1,0")]
    [InlineData(10, ":3:-1", "9,8,7,6,5,4")]
    [InlineData(10, "1::100", "1")]
    [InlineData(10, "::-100", "9")]
    [InlineData(0, ":", "")]
    [InlineData(0, "::-1", "")]
    [InlineData(0, "2:5", "")]
    [InlineData(1, "::-1", "0")]
    [InlineData(10, "-11:-10", "")]
    [InlineData(10, "9223372036854775807:-9223372036854775808:-9223372036854775808", "9")]
    [InlineData(10, "::9223372036854775807", "0")]
    public void Slices_select_what_python_selects(long length, string slice, string expected)
    {
        var dim = ArraySlice.Parse(slice).Resolve([length]).Dimensions.Single();

        Enumerable.Range(0, (int)dim.Count).Select(k => dim.Start + (k * dim.Step)).Should().Equal(Longs(expected));
        dim.Keep.Should().BeTrue();
    }

    [Theory]
    [InlineData(10, "3", 3)]
    [InlineData(10, "0", 0)]
    [InlineData(10, "-1", 9)]
    [InlineData(10, "-10", 0)]
    [InlineData(1, "-1", 0)]
    public void An_integer_index_selects_one_element_and_drops_the_dimension(long length, string slice, long index)
    {
        var resolved = ArraySlice.Parse(slice).Resolve([length]);

        resolved.Dimensions.Single().Should().Be(new DimSelection(index, 1, 1, false));
        resolved.ResultShape.Should().BeEmpty();
        resolved.BoxStart.Should().Equal(index);
        resolved.BoxCount.Should().Equal(1);
    }

    [Theory]
    [InlineData("4,5,6", "", "4,5,6", "0,0,0", "4,5,6", true)]
    [InlineData("4,5,6", "1", "5,6", "1,0,0", "1,5,6", true)]
    [InlineData("4,5,6", "1:3", "2,5,6", "1,0,0", "2,5,6", true)]
    [InlineData("4,5,6", ":,2", "4,6", "0,2,0", "4,1,6", true)]
    [InlineData("4,5,6", "::2", "2,5,6", "0,0,0", "3,5,6", false)]
    [InlineData("4,5,6", "-1,::-1,1:5:2", "5,2", "3,0,1", "1,5,3", false)]
    [InlineData("4,5,6", "1,2,3", "", "1,2,3", "1,1,1", true)]
    [InlineData("4,5,6", "0:1,0:1,::-1", "1,1,6", "0,0,0", "1,1,6", false)]
    [InlineData("4,5,6", "::10,3,::100", "1,1", "0,3,0", "1,1,1", true)]
    [InlineData("4,5,6", "2:2", "0,5,6", "0,0,0", "0,5,6", true)]
    [InlineData("4,5,6", "1,7:,::-2", "0,3", "1,0,1", "1,0,5", false)]
    [InlineData("4,0,6", "", "4,0,6", "0,0,0", "4,0,6", true)]
    [InlineData("", "", "", "", "", true)]
    public void Resolve_gives_the_result_shape_and_the_smallest_enclosing_box(
        string shape, string slice, string resultShape, string boxStart, string boxCount, bool wholeBox)
    {
        var resolved = ArraySlice.Parse(slice).Resolve(Longs(shape));

        resolved.ResultShape.Should().Equal(Longs(resultShape));
        resolved.BoxStart.Should().Equal(Longs(boxStart));
        resolved.BoxCount.Should().Equal(Longs(boxCount));
        resolved.IsWholeBox.Should().Be(wholeBox);
    }

    [Theory]
    [InlineData("", "0", "*1 items*0 dimensions*")]
    [InlineData("4", "1,2", "*2 items*1 dimensions*")]
    [InlineData("4,5", ":,:,:", "*3 items*2 dimensions*")]
    [InlineData("4", "4", "Index 4 is out of bounds for dimension 0 with size 4*")]
    [InlineData("4", "-5", "Index -5 is out of bounds for dimension 0 with size 4*")]
    [InlineData("4,5", "1,5", "Index 5 is out of bounds for dimension 1 with size 5*")]
    [InlineData("0", "0", "*out of bounds*")]
    [InlineData("4", "-9223372036854775808", "*out of bounds*")]
    public void Resolve_rejects_too_many_items_and_indices_out_of_range(string shape, string slice, string message) =>
        FluentActions.Invoking(() => ArraySlice.Parse(slice).Resolve(Longs(shape)))
            .Should().Throw<InvalidSliceException>().WithMessage(message);

    [Fact]
    public void Resolved_element_count_is_the_product_of_the_counts() =>
        ArraySlice.Parse("1,::2").Resolve([4, 5, 6]).ElementCount.Should().Be(18);
}
