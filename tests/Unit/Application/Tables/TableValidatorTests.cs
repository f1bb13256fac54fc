using FluentAssertions;
using FluentValidation.TestHelper;
using Tiled.Application.Tables.AppendPartition;
using Tiled.Application.Tables.ReadTable;
using Tiled.Application.Tables.WritePartition;
using Tiled.Domain.Nodes;
using Xunit;

namespace Tiled.UnitTests.Application.Tables;

public sealed class TableValidatorTests
{
    private static readonly NodePath Path = NodePath.Parse("t");

    [Fact]
    public void A_negative_partition_write_is_out_of_range() =>
        new WritePartitionCommandValidator().TestValidate(new WritePartitionCommand(Path, -1, "application/vnd.apache.arrow.file", new byte[1]))
            .ShouldHaveValidationErrorFor(c => c.Partition).WithErrorMessage("Partition out of range");

    [Fact]
    public void A_negative_partition_append_is_out_of_range() =>
        new AppendPartitionCommandValidator().TestValidate(new AppendPartitionCommand(Path, -3, "application/vnd.apache.arrow.file", new byte[1]))
            .ShouldHaveValidationErrorFor(c => c.Partition).WithErrorMessage("Partition out of range");

    [Fact]
    public void A_negative_partition_read_is_out_of_range() =>
        new ReadTableQueryValidator().TestValidate(new ReadTableQuery(Path, -1, null))
            .ShouldHaveValidationErrorFor(q => q.Partition).WithErrorMessage("Partition out of range");

    [Theory]
    [InlineData(null)]
    [InlineData(0L)]
    [InlineData(7L)]
    public void Whole_table_and_non_negative_partition_reads_are_valid(long? partition) =>
        new ReadTableQueryValidator().TestValidate(new ReadTableQuery(Path, partition, ["a"])).IsValid.Should().BeTrue();

    [Fact]
    public void Partition_zero_writes_and_appends_are_valid()
    {
        new WritePartitionCommandValidator().TestValidate(new WritePartitionCommand(Path, 0, "", default)).IsValid.Should().BeTrue();
        new AppendPartitionCommandValidator().TestValidate(new AppendPartitionCommand(Path, 0, "", default)).IsValid.Should().BeTrue();
    }
}
