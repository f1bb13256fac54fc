using System.Globalization;

namespace Tiled.Domain.Arrays;

/// <summary>
/// A parsed <c>slice</c> query value (protocol §6.1) with numpy semantics: comma-separated items,
/// each an integer index (drops the dimension) or <c>start:stop[:step]</c> with optional, possibly
/// negative parts. Empty items are skipped, as Tiled does; spaces and <c>...</c> are refused.
/// Immutable; resolve it against a shape to learn what it selects.
/// </summary>
public sealed class ArraySlice
{
    private readonly Item[] _items;

    private ArraySlice(Item[] items) => _items = items;

    /// <summary>The slice that selects the whole array.</summary>
    public static ArraySlice Everything { get; } = new([]);

    /// <summary>True when the slice has no items, so it selects the whole array.</summary>
    public bool IsEverything => _items.Length == 0;

    /// <summary>Parses the query text; null or empty means everything. Throws <see cref="InvalidSliceException"/>.</summary>
    public static ArraySlice Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Everything;
        }

        var items = text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(item => ParseItem(item, text)).ToArray();
        return new ArraySlice(items);
    }

    /// <summary>
    /// Resolves against <paramref name="shape"/>: missing trailing items select whole dimensions,
    /// slices clamp like Python's <c>slice.indices</c>. Throws <see cref="InvalidSliceException"/>
    /// for more items than dimensions or an integer index out of range.
    /// </summary>
    public ResolvedSlice Resolve(long[] shape)
    {
        if (_items.Length > shape.Length)
        {
            throw new InvalidSliceException(
                $"The slice has {_items.Length} items but the array has only {shape.Length} dimensions.");
        }

        var dims = new DimSelection[shape.Length];
        for (var d = 0; d < shape.Length; d++)
        {
            dims[d] = d < _items.Length ? _items[d].Resolve(d, shape[d]) : new DimSelection(0, 1, shape[d], true);
        }

        return new ResolvedSlice(dims);
    }

    private static Item ParseItem(string item, string text)
    {
        var parts = item.Split(':');
        if (parts.Length > 3)
        {
            throw Malformed(text, item);
        }

        var numbers = parts.Select(part => ParseNumber(part, text, item)).ToArray();
        if (parts.Length == 1)
        {
            return numbers[0] is long index ? new Item(index, null, null, null) : throw Malformed(text, item);
        }

        var step = parts.Length == 3 ? numbers[2] : null;
        return step == 0
            ? throw new InvalidSliceException($"Slice item '{item}' has step 0; the step must not be zero.")
            : new Item(null, numbers[0], numbers[1], step);
    }

    private static long? ParseNumber(string part, string text, string item)
    {
        if (part.Length == 0)
        {
            return null;
        }

        var digits = part.StartsWith('-') ? part[1..] : part;
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            throw Malformed(text, item);
        }

        return long.TryParse(part, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidSliceException($"Slice item '{item}' has a number out of range.");
    }

    private static InvalidSliceException Malformed(string text, string item) => new(
        $"Slice '{text}' is malformed at '{item}': expected an integer or start:stop:step with optional integers.");

    private sealed record Item(long? Index, long? Start, long? Stop, long? Step)
    {
        public DimSelection Resolve(int dim, long length)
        {
            if (Index is long index)
            {
                var position = index < 0 ? index + length : index;
                return position >= 0 && position < length
                    ? new DimSelection(position, 1, 1, false)
                    : throw new InvalidSliceException(
                        $"Index {index} is out of bounds for dimension {dim} with size {length}.");
            }

            var step = Step ?? 1;
            var (lower, upper) = step > 0 ? (0L, length) : (-1L, length - 1);
            var start = Clamp(Start, step > 0 ? lower : upper, lower, upper, length);
            var stop = Clamp(Stop, step > 0 ? upper : lower, lower, upper, length);
            var span = step > 0 ? (Int128)stop - start : (Int128)start - stop;
            var count = span <= 0 ? 0 : (long)((span - 1) / Int128.Abs(step) + 1);
            return new DimSelection(count == 0 ? Math.Clamp(start, 0, length) : start, step, count, true);
        }

        // Python's slice.indices: negatives count from the end, then clamp into [lower, upper].
        private static long Clamp(long? value, long fallback, long lower, long upper, long length)
        {
            if (value is not long v)
            {
                return fallback;
            }

            return v < 0 ? Math.Max(v + length, lower) : Math.Min(v, upper);
        }
    }
}
