using FluentAssertions;
using Tiled.Domain.Arrays;
using Xunit;

namespace Tiled.UnitTests.Domain.Arrays;

public sealed class ArraySliceParseTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(",")]
    public void Nothing_selects_the_whole_array(string? text)
    {
        var slice = ArraySlice.Parse(text);

        slice.IsEverything.Should().BeTrue();
        slice.Resolve([3, 4]).ResultShape.Should().Equal(3, 4);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("-1")]
    [InlineData("1:4")]
    [InlineData("1:")]
    [InlineData(":4")]
    [InlineData(":")]
    [InlineData("::")]
    [InlineData("1:4:2")]
    [InlineData("::2")]
    [InlineData("1::2")]
    [InlineData(":4:2")]
    [InlineData("-4:-1:-1")]
    [InlineData("1:4:1,2")]
    [InlineData(":6:1,2")]
    [InlineData("007")]
    public void Every_form_of_the_grammar_is_accepted(string text) =>
        ArraySlice.Parse(text).IsEverything.Should().BeFalse();

    [Fact]
    public void Empty_items_between_commas_are_skipped_as_tiled_does() =>
        ArraySlice.Parse("1,,2,").Resolve([4, 5, 6]).ResultShape.Should().Equal(6);

    [Theory]
    [InlineData("1:2:3:4")]
    [InlineData("a")]
    [InlineData("1.5")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1, 2")]
    [InlineData("...")]
    [InlineData("1,...")]
    [InlineData("-")]
    [InlineData("--1")]
    [InlineData("+1")]
    [InlineData("1-2")]
    [InlineData("1;2")]
    [InlineData("[1]")]
    [InlineData("1e3")]
    [InlineData("١")]
    public void Malformed_text_is_an_invalid_slice(string text) =>
        FluentActions.Invoking(() => ArraySlice.Parse(text))
            .Should().Throw<InvalidSliceException>().WithMessage("*malformed*");

    [Theory]
    [InlineData("::0")]
    [InlineData("1:4:0")]
    [InlineData(":,::-0")]
    public void A_zero_step_is_an_invalid_slice(string text) =>
        FluentActions.Invoking(() => ArraySlice.Parse(text))
            .Should().Throw<InvalidSliceException>().WithMessage("*step 0*");

    [Theory]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775809:")]
    public void Numbers_beyond_64_bits_are_an_invalid_slice(string text) =>
        FluentActions.Invoking(() => ArraySlice.Parse(text))
            .Should().Throw<InvalidSliceException>().WithMessage("*out of range*");
}
