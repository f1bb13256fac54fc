using System.Globalization;

namespace Tiled.Client;

/// <summary>
/// The shape numpy gives a slice such as <c>"1:4,::-2,0"</c> of an array of a given shape: integer
/// items drop their dimension, <c>start:stop:step</c> items keep it with Python's range length.
/// The server validates the slice; this only tells the client how to shape what comes back.
/// </summary>
internal static class SliceShape
{
    public static long[] Of(long[] shape, string slice)
    {
        var items = slice.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var result = new List<long>();
        for (var d = 0; d < shape.Length; d++)
        {
            if (d >= items.Length)
            {
                result.Add(shape[d]);
            }
            else if (items[d].Contains(':', StringComparison.Ordinal))
            {
                result.Add(Count(shape[d], items[d].Split(':')));
            }
        }

        return [.. result];
    }

    private static long Count(long length, string[] parts)
    {
        var step = parts.Length > 2 && parts[2].Length > 0 ? long.Parse(parts[2], CultureInfo.InvariantCulture) : 1;
        var (lower, upper) = step > 0 ? (0L, length) : (-1L, length - 1);
        var start = Bound(parts[0], step > 0 ? lower : upper, length, lower, upper);
        var stop = Bound(parts.Length > 1 ? parts[1] : "", step > 0 ? upper : lower, length, lower, upper);
        var span = step > 0 ? stop - start : start - stop;
        return span <= 0 ? 0 : ((span - 1) / Math.Abs(step)) + 1;
    }

    private static long Bound(string text, long fallback, long length, long lower, long upper)
    {
        if (text.Length == 0)
        {
            return fallback;
        }

        var value = long.Parse(text, CultureInfo.InvariantCulture);
        value = value < 0 ? Math.Max(value + length, lower) : Math.Min(value, upper);
        return value;
    }
}
