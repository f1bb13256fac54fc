using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.Application.Streaming.Live;
using Tiled.Domain.DataSources;
using Tiled.Domain.Nodes;
using Tiled.Formats.DataTypes;
using Xunit;

namespace Tiled.UnitTests.Application.Streaming.Live;

public sealed class StreamSchemaTests
{
    private static readonly DateTimeOffset Created = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_array_announces_its_data_type_and_keeps_it_for_transcoding()
    {
        var schema = StreamSchema.From(NodeWith(StructureFamily.Array, new JsonObject
        {
            ["data_type"] = new JsonObject { ["endianness"] = "little", ["kind"] = "i", ["itemsize"] = 8, ["dt_units"] = null },
            ["shape"] = new JsonArray(3),
        }));

        schema.Message.ToJsonString().Should().Be(
            """{"type":"array-schema","version":1,"data_type":{"endianness":"little","kind":"i","itemsize":8,"dt_units":null}}""");
        schema.DataType.Should().Be(DataType.Int64);
    }

    [Fact]
    public void An_array_with_an_unsupported_data_type_still_announces_it_but_keeps_no_type()
    {
        var schema = StreamSchema.From(NodeWith(StructureFamily.Array, new JsonObject
        {
            ["data_type"] = new JsonObject { ["fields"] = new JsonArray() },
        }));

        schema.Message["data_type"]!.ToJsonString().Should().Be("""{"fields":[]}""");
        schema.DataType.Should().BeNull();
    }

    [Fact]
    public void A_container_announces_itself_only() =>
        StreamSchema.From(Node.CreateRoot(Created)).Message.ToJsonString().Should().Be("""{"type":"container-schema","version":1}""");

    [Fact]
    public void A_table_announces_its_arrow_schema()
    {
        var schema = StreamSchema.From(NodeWith(StructureFamily.Table, new JsonObject
        {
            ["arrow_schema"] = "data:application/vnd.apache.arrow.file;base64,QUJD",
            ["npartitions"] = 1,
        }));

        schema.Message.ToJsonString().Should().Be(
            """{"type":"table-schema","version":1,"arrow_schema":"data:application/vnd.apache.arrow.file;base64,QUJD"}""");
    }

    private static Node NodeWith(StructureFamily family, JsonObject structure) => new(
        3, NodePath.Parse("x"), family, [], [],
        [new DataSource(1, family, structure, "application/x-zarr", [], [], Management.Writable, [])],
        Created, Created);
}
