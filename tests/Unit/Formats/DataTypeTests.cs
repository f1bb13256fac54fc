using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.Formats.DataTypes;
using Xunit;

namespace Tiled.UnitTests.Formats;

public sealed class DataTypeTests
{
    [Theory]
    [InlineData("little", "i", 8, "<i8", "int64")]
    [InlineData("big", "f", 4, ">f4", ">f4")]
    [InlineData("not_applicable", "b", 1, "|b1", "bool")]
    [InlineData("not_applicable", "u", 1, "|u1", "uint8")]
    [InlineData("little", "c", 8, "<c8", "complex64")]
    [InlineData("little", "c", 16, "<c16", "complex128")]
    [InlineData("big", "u", 2, ">u2", ">u2")]
    [InlineData("little", "U", 40, "<U10", "<U10")]
    public void Json_form_maps_to_numpy_strings_and_names(string endianness, string kind, int itemSize, string numpy, string name)
    {
        var json = JsonNode.Parse($$"""{"endianness":"{{endianness}}","kind":"{{kind}}","itemsize":{{itemSize}},"dt_units":null}""");

        var dataType = DataType.FromJson(json);

        dataType.ToNumpyString().Should().Be(numpy);
        dataType.ToNumpyName().Should().Be(name);
        JsonNode.DeepEquals(dataType.ToJson(), json).Should().BeTrue();
    }

    [Theory]
    [InlineData("""{"endianness":"little","kind":"q","itemsize":8}""")]
    [InlineData("""{"endianness":"sideways","kind":"i","itemsize":8}""")]
    [InlineData("""{"endianness":"little","kind":"i","itemsize":0}""")]
    [InlineData("""{"itemsize":16,"fields":[]}""")]
    [InlineData("""[1]""")]
    public void Invalid_data_types_are_refused_with_a_reason(string json)
    {
        var parse = () => DataType.FromJson(JsonNode.Parse(json));

        parse.Should().Throw<FormatException>().Which.Message.Should().NotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("u", 16)]
    [InlineData("f", 12)]
    [InlineData("f", 16)]
    [InlineData("i", 3)]
    [InlineData("b", 2)]
    [InlineData("c", 4)]
    [InlineData("c", 32)]
    [InlineData("M", 4)]
    [InlineData("U", 5)]
    public void Kinds_of_a_size_numpy_lacks_are_refused_naming_kind_and_size(string kind, int itemSize)
    {
        var parse = () => DataType.FromJson(JsonNode.Parse($$"""{"endianness":"little","kind":"{{kind}}","itemsize":{{itemSize}},"dt_units":null}"""));

        parse.Should().Throw<FormatException>().WithMessage($"data_type kind '{kind}' with itemsize {itemSize} is not a numpy type*");
    }

    [Theory]
    [InlineData("M", "\"[xs]\"", "not a numpy datetime unit")]
    [InlineData("M", "\"[\"", "not a numpy datetime unit")]
    [InlineData("M", "\"ns\"", "not a numpy datetime unit")]
    [InlineData("M", "\"[]\"", "not a numpy datetime unit")]
    [InlineData("m", "\"[0s]\"", "not a numpy datetime unit")]
    [InlineData("m", "\"[-1s]\"", "not a numpy datetime unit")]
    [InlineData("m", "\"[99999999999s]\"", "not a numpy datetime unit")]
    [InlineData("M", "5", "must be null or a string")]
    [InlineData("i", "\"[ns]\"", "only allowed for datetime")]
    public void Malformed_dt_units_are_refused_with_the_reason(string kind, string units, string reason)
    {
        var parse = () => DataType.FromJson(JsonNode.Parse($$"""{"endianness":"little","kind":"{{kind}}","itemsize":8,"dt_units":{{units}}}"""));

        parse.Should().Throw<FormatException>().Which.Message.Should().Contain(reason);
    }

    [Theory]
    [InlineData("M", "[ns]")]
    [InlineData("m", "[10s]")]
    [InlineData("M", "[D]")]
    [InlineData("M", "[generic]")]
    [InlineData("m", null)]
    public void Datetime_units_numpy_knows_are_kept(string kind, string? units)
    {
        var json = new JsonObject { ["endianness"] = "little", ["kind"] = kind, ["itemsize"] = 8, ["dt_units"] = units };

        DataType.FromJson(json).DtUnits.Should().Be(units);
    }

    [Fact]
    public void Big_endian_multi_byte_types_need_swapping_but_single_bytes_do_not()
    {
        new DataType('i', 4, Endianness.Big).IsBigEndian.Should().BeTrue();
        new DataType('u', 1, Endianness.Big).IsBigEndian.Should().BeFalse();
        DataType.Float64.IsBigEndian.Should().BeFalse();
    }

    [Fact]
    public void Item_size_held_as_a_long_is_read_like_an_int()
    {
        var json = new JsonObject { ["endianness"] = "little", ["kind"] = "u", ["itemsize"] = JsonValue.Create(2L), ["dt_units"] = null };

        DataType.FromJson(json).Should().Be(DataType.UInt16);
    }
}
