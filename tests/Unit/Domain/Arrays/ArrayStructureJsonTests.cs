using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.Domain.Arrays;
using Tiled.Formats.DataTypes;
using Xunit;

namespace Tiled.UnitTests.Domain.Arrays;

public sealed class ArrayStructureJsonTests
{
    private const string Int64Json = """{"endianness":"little","kind":"i","itemsize":8,"dt_units":null}""";

    [Fact]
    public void To_json_writes_tiled_field_names_with_a_null_dims_key()
    {
        var structure = ArrayStructure.Create(DataType.Int64, [6, 2], [[3, 3], [2]], null);

        structure.ToJson().ToJsonString().Should().Be(
            $$"""{"data_type":{{Int64Json}},"chunks":[[3,3],[2]],"shape":[6,2],"dims":null,"resizable":false}""");
    }

    [Fact]
    public void To_json_writes_a_zero_dimensional_array_with_empty_lists() =>
        ArrayStructure.Create(DataType.Int64, [], [], null).ToJson().ToJsonString().Should().Be(
            $$"""{"data_type":{{Int64Json}},"chunks":[],"shape":[],"dims":null,"resizable":false}""");

    [Theory]
    [MemberData(nameof(Structures))]
    public void From_json_reads_back_what_to_json_wrote(ArrayStructure structure)
    {
        var text = structure.ToJson().ToJsonString();

        var read = ArrayStructure.FromJson(JsonNode.Parse(text));

        read.ToJson().ToJsonString().Should().Be(text);
        read.Should().BeEquivalentTo(structure, o => o.ComparingByMembers<ArrayStructure>());
    }

    public static TheoryData<ArrayStructure> Structures => new()
    {
        ArrayStructure.Create(DataType.Int64, [6, 2], [[3, 3], [2]], null),
        ArrayStructure.Create(DataType.Float32, [7, 0, 5], [[3, 3, 1], [0], [5]], ["t", "x", "y"]),
        ArrayStructure.Create(new DataType('M', 8, Endianness.Big, "[ns]"), [4], [[4]], ["time"]),
        ArrayStructure.Create(DataType.Bool, [], [], null),
    };

    [Fact]
    public void From_json_normalizes_chunks_and_accepts_missing_dims_and_resizable()
    {
        var node = JsonNode.Parse($$"""{"data_type":{{Int64Json}},"chunks":[[2,4]],"shape":[6]}""");

        var structure = ArrayStructure.FromJson(node);

        structure.Chunks.Should().BeEquivalentTo(new[] { new long[] { 2, 2, 2 } }, o => o.WithStrictOrdering());
        structure.Dims.Should().BeNull();
        structure.Resizable.Should().BeFalse();
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("[false,true]", true)]
    [InlineData("[false,false]", false)]
    [InlineData("null", false)]
    public void From_json_reads_resizable_as_a_flag_or_per_dimension_list(string resizable, bool expected)
    {
        var node = JsonNode.Parse(
            $$"""{"data_type":{{Int64Json}},"chunks":[[6],[1]],"shape":[6,1],"dims":null,"resizable":{{resizable}}}""");

        ArrayStructure.FromJson(node).Resizable.Should().Be(expected);
    }

    [Theory]
    [InlineData("null", "*object*")]
    [InlineData("[1,2]", "*object*")]
    [InlineData("""{"chunks":[[6]],"shape":[6]}""", "*data_type*")]
    [InlineData("""{"data_type":{"kind":"i","itemsize":0,"endianness":"little"},"chunks":[[6]],"shape":[6]}""", "*itemsize*")]
    [InlineData("""{"data_type":{"kind":"i","itemsize":8,"endianness":"middle"},"chunks":[[6]],"shape":[6]}""", "*endianness*")]
    [InlineData("""{"data_type":DT,"chunks":[[6]]}""", "shape must be*")]
    [InlineData("""{"data_type":DT,"chunks":[[6]],"shape":"6"}""", "shape must be*")]
    [InlineData("""{"data_type":DT,"chunks":[[6]],"shape":[6.5]}""", "shape must be*")]
    [InlineData("""{"data_type":DT,"chunks":[[6]],"shape":["6"]}""", "shape must be*")]
    [InlineData("""{"data_type":DT,"shape":[6]}""", "chunks must be*")]
    [InlineData("""{"data_type":DT,"chunks":[6],"shape":[6]}""", "chunks[0] must be*")]
    [InlineData("""{"data_type":DT,"chunks":[[6],[null]],"shape":[6,1]}""", "chunks[1] must be*")]
    [InlineData("""{"data_type":DT,"chunks":[[4]],"shape":[6]}""", "*do not sum*")]
    [InlineData("""{"data_type":DT,"chunks":[[6]],"shape":[6],"dims":"x"}""", "dims must be*")]
    [InlineData("""{"data_type":DT,"chunks":[[6]],"shape":[6],"dims":[1]}""", "dims must be*")]
    [InlineData("""{"data_type":DT,"chunks":[[6]],"shape":[6],"dims":["x","y"]}""", "*dims*")]
    [InlineData("""{"data_type":DT,"chunks":[[6]],"shape":[6],"resizable":"yes"}""", "resizable must be*")]
    public void From_json_rejects_missing_or_ill_typed_fields_with_a_clear_message(string json, string message) =>
        FluentActions.Invoking(() => ArrayStructure.FromJson(JsonNode.Parse(json.Replace("DT", Int64Json, StringComparison.Ordinal))))
            .Should().Throw<InvalidStructureException>().WithMessage(message);
}
