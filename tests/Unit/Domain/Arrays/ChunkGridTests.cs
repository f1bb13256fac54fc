using FluentAssertions;
using Tiled.Domain.Arrays;
using Xunit;
using static Tiled.UnitTests.Domain.Arrays.Notation;

namespace Tiled.UnitTests.Domain.Arrays;

public sealed class ChunkGridTests
{
    [Theory]
    [InlineData("7", "3,3,1", "3,3,1")]
    [InlineData("6", "2,4", "2,2,2")]
    [InlineData("6", "6", "6")]
    [InlineData("6,2", "3,3|2", "3,3|2")]
    [InlineData("10,5,4", "4,4,2|2,2,1|4", "4,4,2|2,2,1|4")]
    [InlineData("10,5", "4,6|5", "4,4,2|5")]
    [InlineData("0", "0", "0")]
    [InlineData("0,3", "0|3", "0|3")]
    [InlineData("", "", "")]
    public void Normalize_returns_the_regular_grid_of_the_first_chunk_lengths(string shape, string chunks, string expected) =>
        ChunkGrid.Normalize(Longs(shape), Grid(chunks)).Should().BeEquivalentTo(Grid(expected), o => o.WithStrictOrdering());

    [Theory]
    [InlineData("7", "3,3", "do not sum")]
    [InlineData("7", "3,3,3", "do not sum")]
    [InlineData("7", "3,0,4", "positive")]
    [InlineData("7", "8,-1", "positive")]
    [InlineData("-1", "1", "negative")]
    [InlineData("6,2", "6", "dimensions")]
    [InlineData("6", "6|2", "dimensions")]
    [InlineData("0", "0,0", "positive")]
    [InlineData("0", "1", "do not sum")]
    [InlineData("9223372036854775807", "9223372036854775807,1", "do not sum")]
    public void Normalize_rejects_chunks_that_do_not_fit_the_shape(string shape, string chunks, string messagePart) =>
        FluentActions.Invoking(() => ChunkGrid.Normalize(Longs(shape), Grid(chunks)))
            .Should().Throw<InvalidStructureException>().WithMessage($"*{messagePart}*");

    [Fact]
    public void Normalize_accepts_an_empty_chunk_list_for_a_zero_length_dimension() =>
        ChunkGrid.Normalize([0, 2], [[], [2]]).Should().BeEquivalentTo(Grid("0|2"), o => o.WithStrictOrdering());

    [Fact]
    public void Normalize_rejects_a_dimension_without_chunks() =>
        FluentActions.Invoking(() => ChunkGrid.Normalize([3], [[]]))
            .Should().Throw<InvalidStructureException>();

    [Theory]
    [InlineData("6", "3", "3,3")]
    [InlineData("7", "3", "3,3,1")]
    [InlineData("2", "3", "2")]
    [InlineData("0", "3", "0")]
    [InlineData("1", "1", "1")]
    [InlineData("5,0,9", "2,4,4", "2,2,1|0|4,4,1")]
    [InlineData("", "", "")]
    public void Regular_gives_full_chunks_plus_the_remainder(string shape, string chunkSize, string expected) =>
        ChunkGrid.Regular(Longs(shape), Longs(chunkSize)).Should().BeEquivalentTo(Grid(expected), o => o.WithStrictOrdering());

    [Theory]
    [InlineData("6", "0")]
    [InlineData("6", "-2")]
    [InlineData("6", "3,3")]
    [InlineData("-6", "3")]
    [InlineData("10000000", "1")]
    public void Regular_rejects_bad_chunk_sizes_and_grids_with_too_many_chunks(string shape, string chunkSize) =>
        FluentActions.Invoking(() => ChunkGrid.Regular(Longs(shape), Longs(chunkSize)))
            .Should().Throw<InvalidStructureException>();

    [Theory]
    [InlineData("3,3,1|2", "3,2")]
    [InlineData("0|4", "1,4")]
    [InlineData("", "")]
    public void Chunk_size_is_the_first_chunk_and_one_for_an_empty_dimension(string chunks, string expected) =>
        ChunkGrid.ChunkSize(Grid(chunks)).Should().Equal(Longs(expected));

    [Theory]
    [InlineData("3,3,1", "0", "0", "3")]
    [InlineData("3,3,1", "1", "3", "3")]
    [InlineData("3,3,1", "2", "6", "1")]
    [InlineData("4,4,2|2,2,1|4", "2,2,0", "8,4,0", "2,1,4")]
    [InlineData("4,4,2|2,2,1|4", "1,0,0", "4,0,0", "4,2,4")]
    [InlineData("4,4,2|2,2,1|4", "0,1,0", "0,2,0", "4,2,4")]
    [InlineData("2,5", "1", "2", "5")]
    [InlineData("0|3", "0,0", "0,0", "0,3")]
    [InlineData("", "", "", "")]
    public void Block_gives_the_start_and_shape_of_one_chunk(string chunks, string block, string start, string count)
    {
        var (actualStart, actualCount) = ChunkGrid.Block(Grid(chunks), Longs(block));

        actualStart.Should().Equal(Longs(start));
        actualCount.Should().Equal(Longs(count));
    }

    [Theory]
    [InlineData("3,3,1", "3", "out of range")]
    [InlineData("3,3,1", "-1", "out of range")]
    [InlineData("3,3|2", "2,0", "out of range")]
    [InlineData("3,3|2", "0,1", "out of range")]
    [InlineData("3,3|2", "0", "dimensions")]
    [InlineData("3,3|2", "0,0,0", "dimensions")]
    [InlineData("", "0", "dimensions")]
    public void Block_rejects_indices_outside_the_grid_or_of_the_wrong_rank(string chunks, string block, string messagePart) =>
        FluentActions.Invoking(() => ChunkGrid.Block(Grid(chunks), Longs(block)))
            .Should().Throw<InvalidBlockException>().WithMessage($"*{messagePart}*");
}
