using FluentAssertions;
using Tiled.Domain.Arrays;
using Tiled.Formats.DataTypes;
using Xunit;
using static Tiled.UnitTests.Domain.Arrays.Notation;

namespace Tiled.UnitTests.Domain.Arrays;

public sealed class ArrayStructureCreateTests
{
    [Fact]
    public void Create_normalizes_irregular_chunks_to_the_regular_grid()
    {
        var structure = ArrayStructure.Create(DataType.Int32, [6, 2], [[2, 4], [2]], ["x", "y"]);

        structure.Shape.Should().Equal(6, 2);
        structure.Chunks.Should().BeEquivalentTo(Grid("2,2,2|2"), o => o.WithStrictOrdering());
        structure.Dims.Should().Equal("x", "y");
        structure.Resizable.Should().BeFalse();
    }

    [Fact]
    public void Create_accepts_a_zero_dimensional_array()
    {
        var structure = ArrayStructure.Create(DataType.Float64, [], [], null);

        structure.Rank.Should().Be(0);
        structure.ElementCount.Should().Be(1);
        structure.Chunks.Should().BeEmpty();
    }

    [Fact]
    public void Create_copies_the_callers_arrays()
    {
        long[] shape = [4];
        string[] dims = ["x"];

        var structure = ArrayStructure.Create(DataType.Int8, shape, [[4]], dims);
        shape[0] = 99;
        dims[0] = "changed";

        structure.Shape.Should().Equal(4);
        structure.Dims.Should().Equal("x");
    }

    [Theory]
    [InlineData("6", "3,3", 2)]
    [InlineData("6", "3,3", 0)]
    [InlineData("6,2", "3,3|2", 1)]
    [InlineData("", "", 1)]
    public void Create_rejects_dims_whose_count_differs_from_the_rank(string shape, string chunks, int dimCount) =>
        FluentActions.Invoking(() => ArrayStructure.Create(
                DataType.Int8, Longs(shape), Grid(chunks), Enumerable.Range(0, dimCount).Select(i => $"d{i}").ToArray()))
            .Should().Throw<InvalidStructureException>().WithMessage("*dims*");

    [Theory]
    [InlineData("6", "3,2")]
    [InlineData("-6", "3")]
    [InlineData("6", "3,3|2")]
    public void Create_rejects_chunks_that_do_not_fit_the_shape(string shape, string chunks) =>
        FluentActions.Invoking(() => ArrayStructure.Create(DataType.Int8, Longs(shape), Grid(chunks), null))
            .Should().Throw<InvalidStructureException>();

    [Theory]
    [InlineData(0)]
    [InlineData(-8)]
    public void Create_rejects_a_non_positive_item_size(int itemSize) =>
        FluentActions.Invoking(() => ArrayStructure.Create(new DataType('i', itemSize, Endianness.Little), [3], [[3]], null))
            .Should().Throw<InvalidStructureException>().WithMessage("*size*");

    [Theory]
    [InlineData("4611686018427387904", "4611686018427387904", 8, "*would hold 36893488147419103232 bytes; an array may hold at most*")]
    [InlineData("9223372036854775807", "9223372036854775807", 1, "*chunk may hold at most*")]
    [InlineData("4611686018427387904", "4611686018427387904", 1, "*chunk may hold at most*")]
    [InlineData("2147483648,2147483648", "2147483648|2147483648", 8, "*an array may hold at most*")]
    [InlineData("4294967296,4294967296,0", "4294967296|4294967296|0", 8, "*chunk may hold at most*")]
    [InlineData("268435456", "268435456", 8, "*Chunks of (268435456,) 8-byte items would hold 2147483648 bytes; a chunk may hold at most 2147483591.")]
    [InlineData("3", "3", 1073741824, "*chunk may hold at most*")]
    public void Create_rejects_sizes_that_do_not_fit(string shape, string chunks, int itemSize, string message) =>
        FluentActions.Invoking(() => ArrayStructure.Create(new DataType('S', itemSize, Endianness.NotApplicable), Longs(shape), Grid(chunks), null))
            .Should().Throw<InvalidStructureException>().WithMessage(message);

    [Fact]
    public void Create_rejects_more_dimensions_than_numpy_allows()
    {
        var ones = Enumerable.Repeat(1L, ArrayStructure.MaxRank + 1).ToArray();

        FluentActions.Invoking(() => ArrayStructure.Create(DataType.Int8, ones, ones.Select(n => new[] { n }).ToArray(), null))
            .Should().Throw<InvalidStructureException>().WithMessage("Shape has 65 dimensions; an array may have at most 64.");
        ArrayStructure.Create(DataType.Int8, ones[1..], ones[1..].Select(n => new[] { n }).ToArray(), null).Rank.Should().Be(64);
    }

    [Fact]
    public void Extending_past_what_an_array_can_hold_is_refused()
    {
        var structure = ArrayStructure.Create(DataType.Int64, [1 << 20, 1 << 7], [[1 << 20], [1 << 7]], null);

        FluentActions.Invoking(() => structure.Patch([(1L << 20) * 999_999, (1L << 7) * 999_999], [1, 1], extend: true))
            .Should().Throw<InvalidStructureException>().WithMessage("*an array may hold at most*");
    }

    [Theory]
    [InlineData("3", 24)]
    [InlineData("2,3", 48)]
    [InlineData("0,3", 0)]
    [InlineData("", 8)]
    public void Require_payload_length_accepts_shape_times_item_size(string shape, long length) =>
        FluentActions.Invoking(() => ArrayStructure.Create(DataType.Int64, [3], [[3]], null)
                .RequirePayloadLength(length, Longs(shape)))
            .Should().NotThrow();

    [Theory]
    [InlineData("3", 16, "Expected 24 bytes*received 16 bytes*")]
    [InlineData("3", 25, "Expected 24 bytes*received 25 bytes*")]
    [InlineData("", 0, "Expected 8 bytes*received 0 bytes*")]
    [InlineData("4294967296,4294967296", 0, "Expected 147573952589676412928 bytes*")]
    public void Require_payload_length_states_expected_and_received_bytes(string shape, long length, string message) =>
        FluentActions.Invoking(() => ArrayStructure.Create(DataType.Int64, [3], [[3]], null)
                .RequirePayloadLength(length, Longs(shape)))
            .Should().Throw<PayloadSizeMismatchException>().WithMessage(message);
}
