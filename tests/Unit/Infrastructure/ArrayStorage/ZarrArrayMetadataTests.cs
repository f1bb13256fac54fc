using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.Formats.DataTypes;
using Tiled.Infrastructure.ArrayStorage;
using Xunit;

namespace Tiled.UnitTests.Infrastructure.ArrayStorage;

public sealed class ZarrArrayMetadataTests
{
    [Fact]
    public void A_new_array_is_uncompressed_c_order_with_dot_separated_keys()
    {
        var json = ZarrArrayMetadata.Create(DataType.Int64, [10, 3], [4, 3]);

        json["zarr_format"]!.GetValue<int>().Should().Be(2);
        json["shape"]!.ToJsonString().Should().Be("[10,3]");
        json["chunks"]!.ToJsonString().Should().Be("[4,3]");
        json["dtype"]!.GetValue<string>().Should().Be("<i8");
        json["compressor"].Should().BeNull();
        json["filters"].Should().BeNull();
        json.ContainsKey("compressor").Should().BeTrue();
        json.ContainsKey("filters").Should().BeTrue();
        json["order"]!.GetValue<string>().Should().Be("C");
        json["dimension_separator"]!.GetValue<string>().Should().Be(".");
    }

    [Theory]
    [InlineData('i', "0")]
    [InlineData('u', "0")]
    [InlineData('b', "false")]
    [InlineData('f', "0.0")]
    [InlineData('c', "[0.0,0.0]")]
    [InlineData('M', "0")]
    [InlineData('S', "\"\"")]
    [InlineData('U', "\"\"")]
    public void The_zero_fill_value_is_written_as_zarr_python_writes_it(char kind, string expected)
    {
        ZarrFillValue.Zero(kind)!.ToJsonString().Replace(" ", "", StringComparison.Ordinal).Should().Be(expected);
    }

    [Fact]
    public void Default_chunks_take_the_first_chunk_length_and_one_along_empty_dimensions()
    {
        var structure = TestArrays.Regular(DataType.Float32, [10, 0, 7], [4, 1, 7]);

        ZarrArrayMetadata.DefaultChunks(structure).Should().Equal(4, 1, 7);
    }

    [Fact]
    public void Parsing_reads_compressor_separator_and_fill_value()
    {
        var json = Zarray("""{"id": "zlib", "level": 1}""", "\"/\"", "-1", "\">i2\"");

        var metadata = ZarrArrayMetadata.Parse(json);

        metadata.Shape.Should().Equal(5, 6);
        metadata.Chunks.Should().Equal(2, 3);
        metadata.CompressorId.Should().Be("zlib");
        metadata.Separator.Should().Be("/");
        metadata.Element.Should().Be(new ZarrDType('>', 'i', 2));
        metadata.FillPattern.Should().Equal(0xFF, 0xFF);
        metadata.ChunkByteCount.Should().Be(12);
    }

    [Fact]
    public void A_zero_or_null_fill_value_needs_no_pattern()
    {
        ZarrArrayMetadata.Parse(Zarray("null", "\".\"", "0", "\"<f8\"")).FillPattern.Should().BeNull();
        ZarrArrayMetadata.Parse(Zarray("null", "\".\"", "null", "\"<f8\"")).FillPattern.Should().BeNull();
    }

    [Fact]
    public void A_missing_dimension_separator_means_dots()
    {
        var json = Zarray("null", "\".\"", "0", "\"<i4\"");
        json.Remove("dimension_separator");

        ZarrArrayMetadata.Parse(json).Separator.Should().Be(".");
    }

    [Theory]
    [InlineData("""{"id": "blosc"}""", "\".\"", "\"<i4\"", "\"C\"")]
    [InlineData("null", "\".\"", "\"<i4\"", "\"F\"")]
    [InlineData("null", "\".\"", """[["a", "<i4"]]""", "\"C\"")]
    public void Unsupported_features_are_refused(string compressor, string separator, string dtype, string order)
    {
        var json = Zarray(compressor, separator, "0", dtype);
        json["order"] = JsonNode.Parse(order);

        var parse = () => ZarrArrayMetadata.Parse(json);

        parse.Should().Throw<NotSupportedException>();
    }

    [Fact]
    public void Filters_are_refused()
    {
        var json = Zarray("null", "\".\"", "0", "\"<i4\"");
        json["filters"] = JsonNode.Parse("""[{"id": "delta", "dtype": "<i4"}]""");

        var parse = () => ZarrArrayMetadata.Parse(json);

        parse.Should().Throw<NotSupportedException>();
    }

    [Fact]
    public void Chunks_of_another_rank_are_invalid()
    {
        var json = Zarray("null", "\".\"", "0", "\"<i4\"");
        json["chunks"] = JsonNode.Parse("[2]");

        var parse = () => ZarrArrayMetadata.Parse(json);

        parse.Should().Throw<InvalidDataException>();
    }

    [Theory]
    [InlineData("<i8", '<', 'i', 8)]
    [InlineData("|b1", '|', 'b', 1)]
    [InlineData(">c16", '>', 'c', 16)]
    [InlineData("<U3", '<', 'U', 12)]
    [InlineData("<M8[ns]", '<', 'M', 8)]
    public void Dtype_strings_parse_to_order_kind_and_item_size(string text, char order, char kind, int itemSize)
    {
        ZarrDType.Parse(text).Should().Be(new ZarrDType(order, kind, itemSize));
    }

    [Theory]
    [InlineData("i8")]
    [InlineData("<i")]
    [InlineData("<i0")]
    [InlineData("<i8x")]
    [InlineData("")]
    public void Malformed_dtype_strings_are_refused(string text)
    {
        var parse = () => ZarrDType.Parse(text);

        parse.Should().Throw<NotSupportedException>();
    }

    private static JsonObject Zarray(string compressor, string separator, string fill, string dtype) =>
        JsonNode.Parse($$"""
            {"zarr_format": 2, "shape": [5, 6], "chunks": [2, 3], "dtype": {{dtype}}, "compressor": {{compressor}},
             "fill_value": {{fill}}, "order": "C", "filters": null, "dimension_separator": {{separator}}}
            """)!.AsObject();
}
