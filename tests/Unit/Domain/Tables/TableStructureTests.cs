using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.Domain.Arrays;
using Tiled.Domain.Tables;
using Tiled.Formats.Arrow;
using Xunit;

namespace Tiled.UnitTests.Domain.Tables;

public sealed class TableStructureTests
{
    private static readonly ArrowSchema Schema = new(
        [new ArrowField("a", ArrowType.Int64), new ArrowField("b", ArrowType.Utf8)],
        new ArrowMetadata([new("pandas", """{"index_columns": []}""")]));

    private static JsonObject Json(ArrowSchema? schema = null, JsonNode? partitions = null, JsonNode? columns = null, JsonNode? resizable = null) => new()
    {
        ["arrow_schema"] = ArrowSchemaMessage.ToDataUri(schema ?? Schema),
        ["npartitions"] = partitions ?? 1,
        ["columns"] = columns ?? new JsonArray("a", "b"),
        ["resizable"] = resizable ?? false,
    };

    [Fact]
    public void Tiled_structure_json_parses_and_keeps_the_schema_uri_verbatim()
    {
        var json = Json(partitions: 3);

        var structure = TableStructure.FromJson(json);

        structure.Schema.Should().Be(Schema);
        structure.PartitionCount.Should().Be(3);
        structure.Columns.Should().Equal("a", "b");
        structure.Resizable.Should().BeFalse();
        structure.ToJson().ToJsonString().Should().Be(json.ToJsonString());
    }

    [Fact]
    public void Create_builds_the_data_uri_and_the_columns_from_the_schema()
    {
        var structure = TableStructure.Create(Schema, 2);

        structure.ArrowSchemaUri.Should().StartWith(ArrowSchemaMessage.DataUriPrefix);
        TableStructure.FromJson(structure.ToJson()).Schema.Should().Be(Schema);
        structure.ToJson()["columns"]!.ToJsonString().Should().Be("""["a","b"]""");
    }

    [Fact]
    public void Missing_optional_keys_take_tiled_defaults()
    {
        var structure = TableStructure.FromJson(new JsonObject { ["arrow_schema"] = ArrowSchemaMessage.ToDataUri(Schema) });

        structure.PartitionCount.Should().Be(1);
        structure.Columns.Should().Equal("a", "b");
        structure.Resizable.Should().BeFalse();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(TableStructure.MaxPartitions + 1)]
    public void Partition_counts_outside_one_to_the_maximum_are_refused(long partitions) =>
        FluentActions.Invoking(() => TableStructure.FromJson(Json(partitions: partitions)))
            .Should().Throw<InvalidStructureException>().WithMessage("*npartitions*");

    [Fact]
    public void Column_names_starting_with_an_underscore_are_refused()
    {
        var schema = new ArrowSchema([new ArrowField("_hidden", ArrowType.Int64)]);

        FluentActions.Invoking(() => TableStructure.FromJson(Json(schema, columns: new JsonArray("_hidden"))))
            .Should().Throw<InvalidStructureException>().WithMessage("*'_hidden'*")
            .Which.ErrorCode.Should().Be("invalid-structure");
    }

    [Theory]
    [InlineData("""["a"]""")]
    [InlineData("""["b","a"]""")]
    [InlineData("""["a","b","c"]""")]
    public void Columns_must_equal_the_schema_field_names(string columns) =>
        FluentActions.Invoking(() => TableStructure.FromJson(Json(columns: JsonNode.Parse(columns))))
            .Should().Throw<InvalidStructureException>().WithMessage("*must equal the Arrow schema's field names [a, b]*");

    [Theory]
    [InlineData("""{"arrow_schema": 5}""")]
    [InlineData("""{"arrow_schema": "data:text/plain;base64,AAAA"}""")]
    [InlineData("""{"arrow_schema": "data:application/vnd.apache.arrow.file;base64,not base64!"}""")]
    [InlineData("""{"arrow_schema": "data:application/vnd.apache.arrow.file;base64,AAAAAA=="}""")]
    [InlineData("""[1]""")]
    public void An_unusable_arrow_schema_is_an_invalid_structure(string json) =>
        FluentActions.Invoking(() => TableStructure.FromJson(JsonNode.Parse(json))).Should().Throw<InvalidStructureException>();

    [Theory]
    [InlineData("npartitions", "\"2\"")]
    [InlineData("columns", "\"a\"")]
    [InlineData("columns", "[1, 2]")]
    [InlineData("resizable", "\"yes\"")]
    public void Mistyped_keys_are_invalid_structures(string key, string value)
    {
        var json = Json();
        json[key] = JsonNode.Parse(value);

        FluentActions.Invoking(() => TableStructure.FromJson(json)).Should().Throw<InvalidStructureException>().WithMessage($"*{key}*");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Partitions_inside_the_range_are_accepted(long partition) =>
        TableStructure.Create(Schema, 3).RequirePartition(partition).Should().Be((int)partition);

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    [InlineData(long.MaxValue)]
    public void Partitions_outside_the_range_are_refused_with_tiled_detail(long partition) =>
        FluentActions.Invoking(() => TableStructure.Create(Schema, 3).RequirePartition(partition))
            .Should().Throw<PartitionOutOfRangeException>().WithMessage("Partition out of range")
            .Which.ErrorCode.Should().Be("partition-out-of-range");
}
