namespace Tiled.UnitTests.Infrastructure.ArrayStorage;

/// <summary>Orders index arrays the way C order visits them.</summary>
internal sealed class LexicographicComparer : IComparer<long[]>
{
    public static LexicographicComparer Instance { get; } = new();

    public int Compare(long[]? x, long[]? y)
    {
        if (x is null || y is null)
        {
            return (x is null).CompareTo(y is null);
        }

        for (var d = 0; d < Math.Min(x.Length, y.Length); d++)
        {
            var order = x[d].CompareTo(y[d]);
            if (order != 0)
            {
                return order;
            }
        }

        return x.Length.CompareTo(y.Length);
    }
}
