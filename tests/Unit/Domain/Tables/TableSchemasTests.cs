using FluentAssertions;
using Tiled.Domain.Tables;
using Tiled.Formats.Arrow;
using Xunit;

namespace Tiled.UnitTests.Domain.Tables;

public sealed class TableSchemasTests
{
    private static readonly ArrowSchema Table = Schema(("a", ArrowType.Int64), ("b", ArrowType.Utf8));

    private static ArrowSchema Schema(params (string Name, ArrowType Type)[] fields) =>
        new(fields.Select(f => new ArrowField(f.Name, f.Type)));

    [Fact]
    public void The_same_columns_match_whatever_the_nullability_and_metadata()
    {
        var upload = new ArrowSchema(
            [new ArrowField("a", ArrowType.Int64, nullable: false), new ArrowField("b", ArrowType.Utf8, metadata: new ArrowMetadata([new("k", "v")]))],
            new ArrowMetadata([new("pandas", "{}")]));

        TableSchemas.Match(Table, upload, "the table's schema").Should().Equal(0, 1);
    }

    [Fact]
    public void A_pandas_index_column_anywhere_in_the_upload_is_tolerated_and_skipped()
    {
        var upload = Schema(("a", ArrowType.Int64), (TableSchemas.PandasIndexColumn, ArrowType.Int64), ("b", ArrowType.Utf8));

        TableSchemas.Match(Table, upload, "the table's schema").Should().Equal(0, 2);
    }

    [Fact]
    public void A_pandas_index_column_the_expected_schema_has_must_be_uploaded()
    {
        var stored = Schema(("a", ArrowType.Int64), ("b", ArrowType.Utf8), (TableSchemas.PandasIndexColumn, ArrowType.Int64));

        FluentActions.Invoking(() => TableSchemas.Match(stored, Table, "the stored partition"))
            .Should().Throw<SchemaMismatchException>().WithMessage("*the stored partition*missing '__index_level_0__'*");
    }

    [Fact]
    public void A_type_difference_names_the_column_and_both_types()
    {
        var upload = Schema(("a", ArrowType.Int32), ("b", ArrowType.Utf8));

        FluentActions.Invoking(() => TableSchemas.Match(Table, upload, "the table's schema"))
            .Should().Throw<SchemaMismatchException>()
            .WithMessage("Column 'a' is int32 in the uploaded data but int64 in the table's schema.")
            .Which.ErrorCode.Should().Be("schema-mismatch");
    }

    [Fact]
    public void A_time_zone_difference_is_a_type_difference() =>
        FluentActions.Invoking(() => TableSchemas.Match(
                Schema(("t", ArrowType.Timestamp(ArrowTimeUnit.Nanosecond, "UTC"))),
                Schema(("t", ArrowType.Timestamp(ArrowTimeUnit.Nanosecond))), "the table's schema"))
            .Should().Throw<SchemaMismatchException>().WithMessage("*'t'*");

    [Theory]
    [InlineData("a", "missing 'b'")]
    [InlineData("a,b,c", "unexpected 'c'")]
    [InlineData("a,c", "missing 'b'; unexpected 'c'")]
    [InlineData("b,a", "the order differs")]
    public void A_name_difference_says_what_is_missing_or_unexpected(string names, string what)
    {
        var upload = Schema([.. names.Split(',').Select(n => (n, n == "b" ? ArrowType.Utf8 : ArrowType.Int64))]);

        FluentActions.Invoking(() => TableSchemas.Match(Table, upload, "the table's schema"))
            .Should().Throw<SchemaMismatchException>()
            .WithMessage($"The uploaded columns [{names.Replace(",", ", ", StringComparison.Ordinal)}] do not match the table's schema [a, b]: {what}.");
    }
}
