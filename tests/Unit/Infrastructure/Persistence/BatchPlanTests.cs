using FluentAssertions;
using Tiled.Infrastructure.Persistence;
using Tiled.Infrastructure.Persistence.Search;
using Xunit;

namespace Tiled.UnitTests.Infrastructure.Persistence;

public sealed class BatchPlanTests
{
    [Fact]
    public void A_page_of_small_children_is_one_batch()
    {
        BatchPlan.NextBatch(Rows(100, 1_500), 0, largestRead: 0).Should().Be(100);
    }

    [Fact]
    public void Small_children_are_read_at_most_max_rows_at_a_time()
    {
        BatchPlan.NextBatch(Rows(300, 100), 0, largestRead: 0).Should().Be(BatchPlan.MaxRows);
        BatchPlan.NextBatch(Rows(300, 100), 290, largestRead: 0).Should().Be(10);
    }

    [Fact]
    public void A_large_child_is_read_alone_until_a_row_has_been_read()
    {
        // Stored 100 KiB may be compressed: its text could be any size.
        var rows = Rows(10, 100 << 10);
        BatchPlan.NextBatch(rows, 0, largestRead: 0).Should().Be(1);
        BatchPlan.NextBatch(rows, 1, largestRead: 1 << 20).Should().Be(4, "4 MiB at the 1 MiB read");
    }

    [Fact]
    public void Small_children_before_a_large_one_end_the_batch_before_it()
    {
        List<PageRow> rows = [.. Rows(5, 1_000), new PageRow(99, 100 << 10), .. Rows(5, 1_000)];
        BatchPlan.NextBatch(rows, 0, largestRead: 0).Should().Be(5);
        BatchPlan.NextBatch(rows, 5, largestRead: 0).Should().Be(1);
    }

    [Fact]
    public void A_row_larger_than_a_batch_is_still_read()
    {
        BatchPlan.NextBatch(Rows(3, 1_000), 0, largestRead: 64L << 20).Should().Be(1);
    }

    private static List<PageRow> Rows(int count, long size) => Enumerable.Range(0, count).Select(i => new PageRow(i, size)).ToList();
}
