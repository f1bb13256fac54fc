using System.Globalization;
using Tiled.Domain.Arrays;
using Tiled.Formats.DataTypes;

namespace Tiled.UnitTests.Infrastructure.ArrayStorage;

/// <summary>Structures, random geometry and a naive element-by-element reference for the array storage tests.</summary>
internal static class TestArrays
{
    /// <summary>A structure with regular chunks of <paramref name="chunk"/> per dimension (the last one ragged).</summary>
    public static ArrayStructure Regular(DataType dataType, long[] shape, long[] chunk) =>
        new(dataType, shape, shape.Select((n, d) => RegularChunks(n, chunk[d])).ToArray());

    public static ArrayStructure Int64(long[] shape, long[] chunk) => Regular(DataType.Int64, shape, chunk);

    /// <summary>The data type of a numpy dtype string such as <c>&gt;i4</c> or <c>|b1</c>.</summary>
    public static DataType DataTypeOf(string numpy)
    {
        var size = int.Parse(numpy[2..], CultureInfo.InvariantCulture);
        var order = size == 1 ? Endianness.NotApplicable : numpy[0] == '>' ? Endianness.Big : Endianness.Little;
        return new DataType(numpy[1], size, order);
    }

    public static byte[] Filled(int length, byte value) => Enumerable.Repeat(value, length).ToArray();

    public static long[] RegularChunks(long length, long chunk)
    {
        if (length == 0)
        {
            return [0];
        }

        var chunks = new List<long>();
        for (var at = 0L; at < length; at += chunk)
        {
            chunks.Add(Math.Min(chunk, length - at));
        }

        return [.. chunks];
    }

    public static byte[] RandomBytes(Random random, long length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>A random box inside <paramref name="shape"/> (possibly empty along a dimension when allowed).</summary>
    public static (long[] Start, long[] Count) RandomBox(Random random, long[] shape, bool allowEmpty = false)
    {
        var start = new long[shape.Length];
        var count = new long[shape.Length];
        for (var d = 0; d < shape.Length; d++)
        {
            var lo = allowEmpty ? 0 : 1;
            start[d] = random.NextInt64(0, Math.Max(1, shape[d] - lo + 1));
            count[d] = random.NextInt64(Math.Min(lo, shape[d] - start[d]), shape[d] - start[d] + 1);
        }

        return (start, count);
    }

    public static long[] RandomShape(Random random, int rank, int maxLength, int minLength = 1) =>
        Enumerable.Range(0, rank).Select(_ => (long)random.Next(minLength, maxLength + 1)).ToArray();

    /// <summary>All indices of a box in C order.</summary>
    public static IEnumerable<long[]> Indices(long[] count)
    {
        if (count.Any(c => c == 0))
        {
            yield break;
        }

        var index = new long[count.Length];
        while (true)
        {
            yield return (long[])index.Clone();
            var d = count.Length - 1;
            while (d >= 0 && index[d] == count[d] - 1)
            {
                index[d] = 0;
                d--;
            }

            if (d < 0)
            {
                yield break;
            }

            index[d]++;
        }
    }

    public static long Flat(long[] index, long[] shape)
    {
        var flat = 0L;
        for (var d = 0; d < shape.Length; d++)
        {
            flat = (flat * shape[d]) + index[d];
        }

        return flat;
    }

    public static long[] Add(long[] a, long[] b) => a.Zip(b, (x, y) => x + y).ToArray();

    /// <summary>The naive copy of a box between two C-order buffers, element by element.</summary>
    public static void NaiveCopy(
        byte[] source, long[] sourceShape, long[] sourceStart,
        byte[] destination, long[] destinationShape, long[] destinationStart,
        long[] count, int itemSize)
    {
        foreach (var index in Indices(count))
        {
            var from = Flat(Add(sourceStart, index), sourceShape) * itemSize;
            var to = Flat(Add(destinationStart, index), destinationShape) * itemSize;
            Array.Copy(source, from, destination, to, itemSize);
        }
    }
}
