using FluentAssertions;
using Tiled.Infrastructure.ArrayStorage;
using Xunit;

namespace Tiled.UnitTests.Infrastructure.ArrayStorage;

public sealed class NdCopyTests
{
    [Fact]
    public void Copies_match_a_naive_element_by_element_copy_on_random_geometry()
    {
        var random = new Random(42);
        for (var trial = 0; trial < 1000; trial++)
        {
            var rank = random.Next(1, 5);
            var itemSize = new[] { 1, 2, 4, 8, 16 }[random.Next(5)];
            var sourceShape = TestArrays.RandomShape(random, rank, 7);
            var destinationShape = TestArrays.RandomShape(random, rank, 7);
            var count = sourceShape.Zip(destinationShape, (a, b) => random.NextInt64(0, Math.Min(a, b) + 1)).ToArray();
            var sourceStart = sourceShape.Select((n, d) => random.NextInt64(0, n - count[d] + 1)).ToArray();
            var destinationStart = destinationShape.Select((n, d) => random.NextInt64(0, n - count[d] + 1)).ToArray();
            var source = TestArrays.RandomBytes(random, ChunkLayout.Product(sourceShape) * itemSize);
            var actual = TestArrays.RandomBytes(random, ChunkLayout.Product(destinationShape) * itemSize);
            var expected = (byte[])actual.Clone();

            NdCopy.Copy(source, sourceShape, sourceStart, actual, destinationShape, destinationStart, count, itemSize);
            TestArrays.NaiveCopy(source, sourceShape, sourceStart, expected, destinationShape, destinationStart, count, itemSize);

            actual.Should().Equal(expected, "trial {0}", trial);
        }
    }

    [Fact]
    public void Copying_whole_buffers_of_the_same_shape_copies_every_byte()
    {
        var source = TestArrays.RandomBytes(new Random(1), 3 * 4 * 5 * 8);
        var destination = new byte[source.Length];

        NdCopy.Copy(source, [3, 4, 5], [0, 0, 0], destination, [3, 4, 5], [0, 0, 0], [3, 4, 5], 8);

        destination.Should().Equal(source);
    }

    [Fact]
    public void A_zero_dimensional_copy_moves_one_element()
    {
        var destination = new byte[4];

        NdCopy.Copy(new byte[] { 1, 2, 3, 4 }, [], [], destination, [], [], [], 4);

        destination.Should().Equal(1, 2, 3, 4);
    }

    [Fact]
    public void An_empty_box_leaves_the_destination_untouched()
    {
        var destination = new byte[] { 9, 9, 9, 9 };

        NdCopy.Copy(new byte[4], [2, 2], [0, 0], destination, [2, 2], [0, 0], [0, 2], 1);

        destination.Should().Equal(9, 9, 9, 9);
    }

    [Fact]
    public void A_box_outside_the_source_is_rejected()
    {
        var copy = () => NdCopy.Copy(new byte[4], [4], [2], new byte[4], [4], [0], [3], 1);

        copy.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void A_buffer_that_does_not_match_its_shape_is_rejected()
    {
        var copy = () => NdCopy.Copy(new byte[3], [4], [0], new byte[4], [4], [0], [1], 1);

        copy.Should().Throw<ArgumentException>();
    }
}
