using Tiled.Infrastructure.Persistence.Search;

namespace Tiled.Infrastructure.Persistence;

/// <summary>
/// How many of a search page's rows the next batch reads: as many as fit <see cref="BatchBytes"/> at
/// the size of the largest of them (at most <see cref="MaxRows"/>, at least one). A row's size is its
/// stored size when that is small; a larger one may be compressed (PostgreSQL compresses values over
/// about 2 KiB), so it counts as the largest row read so far, or as a whole batch before any was read.
/// A page of small children is then read in one batch, one of large children one child first.
/// </summary>
internal static class BatchPlan
{
    /// <summary>JSON a batch should hold.</summary>
    public const long BatchBytes = 4L << 20;

    /// <summary>The default page (100 children) in one batch.</summary>
    public const int MaxRows = 128;

    /// <summary>Stored sizes below this are taken as they are.</summary>
    public const long SmallRow = 2L << 10;

    public static int NextBatch(IReadOnlyList<PageRow> rows, int next, long largestRead)
    {
        var count = 0;
        var largest = largestRead;
        while (next + count < rows.Count && count < MaxRows)
        {
            var stored = rows[next + count].StoredSize;
            largest = Math.Max(largest, stored < SmallRow ? stored : Math.Max(stored, largestRead > 0 ? largestRead : BatchBytes));
            if (count > 0 && (count + 1) * largest > BatchBytes)
            {
                break;
            }

            count++;
        }

        return count;
    }
}
