using FluentAssertions;
using Tiled.Domain.Arrays;
using Tiled.Formats.DataTypes;
using Xunit;
using static Tiled.UnitTests.Domain.Arrays.Notation;

namespace Tiled.UnitTests.Domain.Arrays;

public sealed class ArrayStructurePatchTests
{
    private static ArrayStructure Structure(string shape, string chunks) =>
        ArrayStructure.Create(DataType.Int64, Longs(shape), Grid(chunks), null);

    [Theory]
    [InlineData("6", "3,3", "0", "6")]
    [InlineData("6", "3,3", "4", "2")]
    [InlineData("6", "3,3", "6", "0")]
    [InlineData("6,4", "3,3|4", "1,1", "5,3")]
    [InlineData("6,4", "3,3|4", "5", "1,4")]
    [InlineData("6,4", "3,3|4", "", "6,4")]
    [InlineData("", "", "", "")]
    public void A_patch_inside_the_shape_returns_the_same_structure(string shape, string chunks, string offset, string patch)
    {
        var structure = Structure(shape, chunks);

        structure.Patch(Longs(offset), Longs(patch), extend: false).Should().BeSameAs(structure);
        structure.Patch(Longs(offset), Longs(patch), extend: true).Should().BeSameAs(structure);
    }

    [Theory]
    [InlineData("3", "3", "3", "3", "6", "3,3")]
    [InlineData("3", "3", "4", "3", "7", "3,3,1")]
    [InlineData("6", "3,3", "5", "2", "7", "3,3,1")]
    [InlineData("7", "3,3,1", "7", "2", "9", "3,3,3")]
    [InlineData("6,4", "3,3|4", "6", "2,4", "8,4", "3,3,2|4")]
    [InlineData("6,4", "3,3|4", "5,3", "3,3", "8,6", "3,3,2|4,2")]
    [InlineData("6,4", "3,3|4", "0,10", "1,1", "6,11", "3,3|4,4,3")]
    [InlineData("2,2,2", "1,1|2|1,1", "1", "2,1,3", "3,2,3", "1,1,1|2|1,1,1")]
    [InlineData("0", "0", "0", "5", "5", "1,1,1,1,1")]
    public void Extend_grows_each_dimension_to_fit_and_keeps_the_chunk_size(
        string shape, string chunks, string offset, string patch, string newShape, string newChunks)
    {
        var grown = Structure(shape, chunks).Patch(Longs(offset), Longs(patch), extend: true);

        grown.Shape.Should().Equal(Longs(newShape));
        grown.Chunks.Should().BeEquivalentTo(Grid(newChunks), o => o.WithStrictOrdering());
    }

    [Fact]
    public void Extend_never_shrinks_a_dimension_the_patch_does_not_reach()
    {
        var grown = Structure("10,2", "4,4,2|2").Patch([0, 1], [1, 5], extend: true);

        grown.Shape.Should().Equal(10, 6);
        grown.Chunks.Should().BeEquivalentTo(Grid("4,4,2|2,2,2"), o => o.WithStrictOrdering());
    }

    [Fact]
    public void Extend_keeps_data_type_and_dims_and_leaves_the_original_untouched()
    {
        var original = ArrayStructure.Create(DataType.Float32, [3], [[3]], ["time"]);

        var grown = original.Patch([3], [1], extend: true);

        grown.DataType.Should().Be(DataType.Float32);
        grown.Dims.Should().Equal("time");
        original.Shape.Should().Equal(3);
        original.Chunks.Should().BeEquivalentTo(Grid("3"));
    }

    [Theory]
    [InlineData("6", "3,3", "4", "3", "Patch of shape (3,) at offset (4,) does not fit the array of shape (6,).")]
    [InlineData("6,4", "3,3|4", "5", "2,4", "Patch of shape (2, 4) at offset (5, 0) does not fit the array of shape (6, 4).")]
    [InlineData("6,4", "3,3|4", "0,1", "6,4", "Patch of shape (6, 4) at offset (0, 1) does not fit the array of shape (6, 4).")]
    [InlineData("6", "3,3", "7", "0", "Patch of shape (0,) at offset (7,) does not fit the array of shape (6,).")]
    public void A_patch_outside_the_shape_without_extend_does_not_fit(
        string shape, string chunks, string offset, string patch, string sentence) =>
        FluentActions.Invoking(() => Structure(shape, chunks).Patch(Longs(offset), Longs(patch), extend: false))
            .Should().Throw<BlockDoesNotFitException>()
            .WithMessage($"{sentence} Use ?extend=true to extend the array dimensions to fit.");

    [Theory]
    [InlineData("6", "0,0", "3")]
    [InlineData("6", "-1", "3")]
    [InlineData("6,4", "0", "3")]
    [InlineData("6,4", "0", "3,4,1")]
    [InlineData("6,4", "0", "3,-1")]
    [InlineData("", "0", "")]
    public void Offsets_and_patch_shapes_of_the_wrong_rank_or_sign_are_invalid(string shape, string offset, string patch)
    {
        var structure = Structure(shape, shape.Length == 0 ? "" : string.Join('|', Longs(shape)));

        FluentActions.Invoking(() => structure.Patch(Longs(offset), Longs(patch), extend: true))
            .Should().Throw<InvalidPatchException>();
    }

    [Fact]
    public void A_patch_whose_end_overflows_is_invalid() =>
        FluentActions.Invoking(() => Structure("6", "3,3").Patch([long.MaxValue], [2], extend: true))
            .Should().Throw<InvalidPatchException>();

    [Theory]
    [InlineData("", 3, "0,0,0")]
    [InlineData("4", 3, "4,0,0")]
    [InlineData("4,5", 3, "4,5,0")]
    [InlineData("4,5,6", 3, "4,5,6")]
    [InlineData("", 0, "")]
    public void Pad_offset_fills_missing_trailing_dimensions_with_zeros(string offset, int rank, string expected) =>
        ArrayStructure.PadOffset(Longs(offset), rank).Should().Equal(Longs(expected));

    [Theory]
    [InlineData("1,2", 1)]
    [InlineData("0", 0)]
    [InlineData("2,-1", 2)]
    public void Pad_offset_rejects_offsets_longer_than_the_rank_or_negative(string offset, int rank) =>
        FluentActions.Invoking(() => ArrayStructure.PadOffset(Longs(offset), rank))
            .Should().Throw<InvalidPatchException>();
}
