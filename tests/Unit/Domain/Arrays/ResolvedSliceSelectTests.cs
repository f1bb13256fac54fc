using FluentAssertions;
using Tiled.Domain.Arrays;
using Xunit;
using static Tiled.UnitTests.Domain.Arrays.Notation;

namespace Tiled.UnitTests.Domain.Arrays;

public sealed class ResolvedSliceSelectTests
{
    // numpy: a = np.arange(24, dtype=np.uint8).reshape(2, 3, 4); expected = a[slice].ravel()
    [Theory]
    [InlineData("1,::-1,1:4:2", "3,2", "21,23,17,19,13,15")]
    [InlineData(":,1", "2,4", "4,5,6,7,16,17,18,19")]
    [InlineData("-1:,:,-1", "1,3", "15,19,23")]
    [InlineData("::-1,::2,::3", "2,2,2", "12,15,20,23,0,3,8,11")]
    [InlineData("1,2,3", "", "23")]
    [InlineData("0", "3,4", "0,1,2,3,4,5,6,7,8,9,10,11")]
    [InlineData(":,:,::-1", "2,3,4", "3,2,1,0,7,6,5,4,11,10,9,8,15,14,13,12,19,18,17,16,23,22,21,20")]
    [InlineData(":,1:", "2,2,4", "4,5,6,7,8,9,10,11,16,17,18,19,20,21,22,23")]
    [InlineData("5:", "0,3,4", "")]
    [InlineData(":,3:", "2,0,4", "")]
    [InlineData("::-1,:0", "2,0,4", "")]
    public void Select_matches_numpy_on_a_3d_array(string slice, string resultShape, string expected)
    {
        long[] shape = [2, 3, 4];
        var array = Enumerable.Range(0, 24).Select(i => (byte)i).ToArray();
        var resolved = ArraySlice.Parse(slice).Resolve(shape);

        var box = SliceReference.Box(array, shape, resolved.BoxStart, resolved.BoxCount, 1);
        var selected = resolved.Select(box, 1);

        resolved.ResultShape.Should().Equal(Longs(resultShape));
        selected.Should().Equal(Longs(expected).Select(v => (byte)v));
    }

    [Fact]
    public void Select_moves_whole_items_of_multi_byte_types()
    {
        var array = Enumerable.Range(0, 6).SelectMany(BitConverter.GetBytes).ToArray();
        var resolved = ArraySlice.Parse("::-2").Resolve([6]);

        var selected = resolved.Select(SliceReference.Box(array, [6], resolved.BoxStart, resolved.BoxCount, 4), 4);

        selected.Should().Equal(new[] { 5, 3, 1 }.SelectMany(BitConverter.GetBytes));
    }

    [Fact]
    public void Select_of_a_zero_dimensional_array_returns_its_one_item()
    {
        var resolved = ArraySlice.Parse(null).Resolve([]);

        resolved.Select(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, 8).Should().Equal(1, 2, 3, 4, 5, 6, 7, 8);
        resolved.ResultShape.Should().BeEmpty();
    }

    [Fact]
    public void Select_of_a_whole_box_returns_a_copy_of_the_box()
    {
        var box = new byte[] { 1, 2, 3, 4 };
        var resolved = ArraySlice.Parse("1:3").Resolve([5]);

        var selected = resolved.Select(box, 2);

        selected.Should().Equal(box).And.NotBeSameAs(box);
    }

    [Theory]
    [InlineData(3, 1)]
    [InlineData(4, 0)]
    [InlineData(4, -1)]
    public void Select_rejects_a_box_of_the_wrong_length_or_a_bad_item_size(int boxLength, int itemSize)
    {
        var resolved = ArraySlice.Parse("::2").Resolve([7]);

        FluentActions.Invoking(() => resolved.Select(new byte[boxLength], itemSize)).Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Select_agrees_with_an_element_by_element_reference_on_random_slices(int seed)
    {
        var random = new Random(seed);
        for (var trial = 0; trial < 400; trial++)
        {
            var shape = Enumerable.Range(0, random.Next(0, 5)).Select(_ => (long)random.Next(0, 7)).ToArray();
            var itemSize = new[] { 1, 2, 3, 8 }[random.Next(4)];
            var (text, indices, kept) = RandomSlice(random, shape);
            var array = SliceReference.Numbered(shape, itemSize);

            var resolved = ArraySlice.Parse(text).Resolve(shape);
            var box = SliceReference.Box(array, shape, resolved.BoxStart, resolved.BoxCount, itemSize);

            var because = $"slice '{text}' of shape ({string.Join(',', shape)})";
            resolved.ResultShape.Should().Equal(kept.Select(d => (long)indices[d].Length), because);
            resolved.Select(box, itemSize).Should().Equal(SliceReference.Gather(array, shape, indices, itemSize), because);
        }
    }

    private static (string Text, long[][] Indices, int[] Kept) RandomSlice(Random random, long[] shape)
    {
        var items = new List<string>();
        var indices = shape.Select(n => SliceReference.Indices(n, null, null, null)).ToArray();
        var kept = new List<int>();
        var used = random.Next(0, shape.Length + 1);
        for (var d = 0; d < shape.Length; d++)
        {
            var n = shape[d];
            if (d < used && n > 0 && random.Next(4) == 0)
            {
                var index = random.Next((int)-n, (int)n);
                items.Add(index.ToString(System.Globalization.CultureInfo.InvariantCulture));
                indices[d] = [index < 0 ? index + n : index];
                continue;
            }

            kept.Add(d);
            if (d < used)
            {
                long? start = random.Next(3) == 0 ? null : random.Next((int)-n - 3, (int)n + 4);
                long? stop = random.Next(3) == 0 ? null : random.Next((int)-n - 3, (int)n + 4);
                long? step = random.Next(3) == 0 ? null : new long[] { 1, 2, 3, -1, -2, -3 }[random.Next(6)];
                items.Add($"{start}:{stop}" + (step is null && random.Next(2) == 0 ? "" : $":{step}"));
                indices[d] = SliceReference.Indices(n, start, stop, step);
            }
        }

        return (string.Join(',', items), indices, [.. kept]);
    }
}
