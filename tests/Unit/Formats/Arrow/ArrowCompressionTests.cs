using CompressionCodecType = Apache.Arrow.Ipc.CompressionCodecType;
using FluentAssertions;
using Tiled.Formats.Arrow;
using Xunit;

namespace Tiled.UnitTests.Formats.Arrow;

public sealed class ArrowCompressionTests
{
    public static TheoryData<CompressionCodecType, bool> Cases => new()
    {
        { CompressionCodecType.Lz4Frame, false },
        { CompressionCodecType.Lz4Frame, true },
        { CompressionCodecType.Zstd, false },
        { CompressionCodecType.Zstd, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compressed_bodies_read_as_their_values(CompressionCodecType codec, bool file)
    {
        var bytes = ApacheWritten.Compressed(codec, rows: 1000, file);

        var table = file ? ArrowFileReader.Read(bytes) : ArrowStreamReader.Read(bytes);

        var batch = table.Batches.Single();
        batch.Columns[0].GetValues<long>().ToArray().Should().Equal(Enumerable.Range(0, 1000).Select(i => (long)i));
        batch.Columns[1].IsNull(3).Should().BeTrue();
        batch.Columns[1].GetString(4).Should().Be("row 4");
        batch.Columns[1].NullCount.Should().Be(334);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compressed_columns_stay_readable_after_the_collector_runs_the_library_finalizers(CompressionCodecType codec, bool file)
    {
        var bytes = ApacheWritten.Compressed(codec, rows: 1000, file);
        var table = file ? ArrowFileReader.Read(bytes) : ArrowStreamReader.Read(bytes);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        var strings = table.Batches.Single().Columns[1];
        Enumerable.Range(0, 1000).Count(strings.IsNull).Should().Be(334);
        strings.GetString(998).Should().Be("row 998");
    }

    [Fact]
    public void A_compressed_body_is_decompressed_within_the_read_budget_not_by_the_library_allocator()
    {
        var bytes = ApacheWritten.Compressed(CompressionCodecType.Zstd, rows: 1000, file: false);
        BitConverter.GetBytes(1L << 30).CopyTo(bytes, FindUncompressedLengthPrefix(bytes));
        var before = Apache.Arrow.Memory.MemoryAllocator.Default.Value.Statistics.BytesAllocated;

        var act = () => ArrowStreamReader.Read(bytes);

        act.Should().Throw<ArrowFormatException>().WithMessage("*more than*bytes of buffers*");
        (Apache.Arrow.Memory.MemoryAllocator.Default.Value.Statistics.BytesAllocated - before).Should().BeLessThan(1L << 30);
    }

    [Fact]
    public void A_compressed_body_that_claims_more_than_the_budget_is_a_format_error_not_an_allocation()
    {
        var bytes = ApacheWritten.Compressed(CompressionCodecType.Zstd, rows: 1000, file: false);
        var claim = BitConverter.GetBytes(long.MaxValue / 2);
        var at = FindUncompressedLengthPrefix(bytes);
        claim.CopyTo(bytes, at);

        var act = () => ArrowStreamReader.Read(bytes);

        act.Should().Throw<ArrowFormatException>();
    }

    // A compressed buffer starts with its uncompressed length (int64); the first one of the body is
    // the first 8-byte value of 1000 * 8 = 8000 (the int64 column's values, after its empty bitmap).
    private static int FindUncompressedLengthPrefix(byte[] bytes)
    {
        var target = BitConverter.GetBytes(8000L);
        for (var i = 0; i <= bytes.Length - 8; i++)
        {
            if (bytes.AsSpan(i, 8).SequenceEqual(target))
            {
                return i;
            }
        }

        throw new InvalidOperationException("No buffer of 8000 bytes in the sample.");
    }
}
