using FluentAssertions;
using Tiled.Infrastructure.ArrayStorage;
using Xunit;

namespace Tiled.UnitTests.Infrastructure.ArrayStorage;

public sealed class ChunkLayoutTests
{
    [Fact]
    public void A_box_inside_one_chunk_touches_only_that_chunk()
    {
        var regions = ChunkLayout.Intersect([5, 1], [2, 2], [4, 3]).ToList();

        regions.Should().ContainSingle();
        regions[0].ChunkIndex.Should().Equal(1, 0);
        regions[0].ChunkOffset.Should().Equal(1, 1);
        regions[0].BoxOffset.Should().Equal(0, 0);
        regions[0].Count.Should().Equal(2, 2);
    }

    [Fact]
    public void A_box_across_chunks_touches_them_in_c_order_with_clipped_overlaps()
    {
        var regions = ChunkLayout.Intersect([3, 2], [3, 4], [4, 3]).ToList();

        regions.Select(r => r.ChunkIndex).Should().BeEquivalentTo(
            new long[][] { [0, 0], [0, 1], [1, 0], [1, 1] }, o => o.WithStrictOrdering());
        regions[0].ChunkOffset.Should().Equal(3, 2);
        regions[0].Count.Should().Equal(1, 1);
        regions[3].ChunkOffset.Should().Equal(0, 0);
        regions[3].BoxOffset.Should().Equal(1, 1);
        regions[3].Count.Should().Equal(2, 3);
    }

    [Fact]
    public void An_empty_box_touches_no_chunk()
    {
        ChunkLayout.Intersect([2, 0], [0, 5], [2, 2]).Should().BeEmpty();
    }

    [Fact]
    public void A_zero_dimensional_box_touches_the_single_chunk()
    {
        var region = ChunkLayout.Intersect([], [], []).Should().ContainSingle().Subject;

        region.ChunkIndex.Should().BeEmpty();
        region.Count.Should().BeEmpty();
    }

    [Fact]
    public void Intersections_match_a_naive_element_by_element_reference_on_random_geometry()
    {
        var random = new Random(1234);
        for (var trial = 0; trial < 500; trial++)
        {
            var rank = random.Next(1, 5);
            var shape = TestArrays.RandomShape(random, rank, 11);
            var chunk = TestArrays.RandomShape(random, rank, 5);
            var (start, count) = TestArrays.RandomBox(random, shape, allowEmpty: true);

            var expected = TestArrays.Indices(count)
                .Select(i => TestArrays.Add(start, i))
                .GroupBy(e => string.Join(".", e.Select((x, d) => x / chunk[d])))
                .ToDictionary(g => g.Key, g => g.Select(e => string.Join(",", e)).OrderBy(s => s, StringComparer.Ordinal).ToList());
            var regions = ChunkLayout.Intersect(start, count, chunk).ToList();

            regions.Select(r => string.Join(".", r.ChunkIndex)).Should().Equal(
                expected.Keys.OrderBy(k => k.Split('.').Select(long.Parse).ToArray(), LexicographicComparer.Instance),
                "chunks come once each, in C order (trial {0})", trial);
            foreach (var region in regions)
            {
                var elements = TestArrays.Indices(region.Count)
                    .Select(i => TestArrays.Add(TestArrays.Add(start, region.BoxOffset), i))
                    .Select(e => string.Join(",", e)).OrderBy(s => s, StringComparer.Ordinal).ToList();
                var viaChunk = TestArrays.Indices(region.Count)
                    .Select(i => TestArrays.Add(TestArrays.Add(region.ChunkOffset, i), region.ChunkIndex.Select((c, d) => c * chunk[d]).ToArray()))
                    .Select(e => string.Join(",", e)).OrderBy(s => s, StringComparer.Ordinal).ToList();
                elements.Should().Equal(expected[string.Join(".", region.ChunkIndex)]);
                viaChunk.Should().Equal(elements, "chunk and box offsets name the same elements");
            }
        }
    }

    [Theory]
    [InlineData(new long[] { 10 }, new long[] { 0 }, new long[] { 10 }, true)]
    [InlineData(new long[] { 10 }, new long[] { 10 }, new long[] { 0 }, true)]
    [InlineData(new long[] { 10 }, new long[] { 9 }, new long[] { 2 }, false)]
    [InlineData(new long[] { 10 }, new long[] { -1 }, new long[] { 1 }, false)]
    [InlineData(new long[] { 10 }, new long[] { 0 }, new long[] { -1 }, false)]
    [InlineData(new long[] { 10, 4 }, new long[] { 0 }, new long[] { 1 }, false)]
    [InlineData(new long[] { 10 }, new long[] { 1 }, new long[] { long.MaxValue }, false)]
    [InlineData(new long[] { }, new long[] { }, new long[] { }, true)]
    public void Box_fits_only_inside_the_shape_with_matching_rank(long[] shape, long[] start, long[] count, bool fits)
    {
        ChunkLayout.BoxFits(shape, start, count).Should().Be(fits);
    }

    [Fact]
    public void Chunk_counts_round_up_and_are_zero_along_empty_dimensions()
    {
        ChunkLayout.ChunkCounts([10, 8, 0], [4, 4, 1]).Should().Equal(3, 2, 0);
    }

    [Theory]
    [InlineData(0, 0, 4, true)]
    [InlineData(0, 1, 3, false)]
    [InlineData(0, 0, 3, false)]
    [InlineData(2, 0, 2, true)]
    [InlineData(2, 0, 1, false)]
    public void A_region_covers_a_chunk_when_it_covers_the_part_inside_the_shape(long chunkIndex, long offset, long count, bool covers)
    {
        // Shape 10 in chunks of 4: chunk 2 holds elements 8 and 9 only.
        var region = new ChunkRegion([chunkIndex], [offset], [0], [count]);

        ChunkLayout.CoversChunkWithinShape(region, [4], [10]).Should().Be(covers);
    }

    [Fact]
    public void Product_is_one_for_no_values_and_throws_on_overflow()
    {
        ChunkLayout.Product([]).Should().Be(1);
        ChunkLayout.Product([3, 4, 5]).Should().Be(60);
        var overflow = () => ChunkLayout.Product([long.MaxValue, 2]);
        overflow.Should().Throw<OverflowException>();
    }
}
