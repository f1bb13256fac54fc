using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.Infrastructure.ArrayStorage;
using Xunit;

namespace Tiled.UnitTests.Infrastructure.ArrayStorage;

public sealed class ZarrFillValueTests
{
    [Theory]
    [InlineData("-1", "<i4", new byte[] { 0xFF, 0xFF, 0xFF, 0xFF })]
    [InlineData("258", ">u2", new byte[] { 0x01, 0x02 })]
    [InlineData("258", "<u2", new byte[] { 0x02, 0x01 })]
    [InlineData("true", "|b1", new byte[] { 1 })]
    [InlineData("1.0", "<f4", new byte[] { 0x00, 0x00, 0x80, 0x3F })]
    [InlineData("1.0", ">f8", new byte[] { 0x3F, 0xF0, 0, 0, 0, 0, 0, 0 })]
    [InlineData("\"NaN\"", "<f8", new byte[] { 0, 0, 0, 0, 0, 0, 0xF8, 0x7F })]
    [InlineData("\"-Infinity\"", "<f4", new byte[] { 0, 0, 0x80, 0xFF })]
    [InlineData("[1.0, 0.0]", "<c8", new byte[] { 0x00, 0x00, 0x80, 0x3F, 0, 0, 0, 0 })]
    [InlineData("\"AQI=\"", "|S3", new byte[] { 1, 2, 0 })]
    [InlineData("\"a\"", "<U2", new byte[] { 0x61, 0, 0, 0, 0, 0, 0, 0 })]
    public void Fill_values_become_element_bytes_in_the_declared_byte_order(string json, string dtype, byte[] expected)
    {
        var pattern = ZarrFillValue.ToPattern(JsonNode.Parse(json), ZarrDType.Parse(dtype));

        pattern.Should().Equal(expected);
    }

    [Theory]
    [InlineData("0", "<i8")]
    [InlineData("false", "|b1")]
    [InlineData("0.0", "<f4")]
    [InlineData("[0.0, 0.0]", "<c16")]
    [InlineData("\"\"", "|S4")]
    public void Zero_fill_values_need_no_pattern(string json, string dtype)
    {
        ZarrFillValue.ToPattern(JsonNode.Parse(json), ZarrDType.Parse(dtype)).Should().BeNull();
    }

    [Fact]
    public void Fill_repeats_the_pattern_over_the_buffer()
    {
        var buffer = new byte[6];

        ZarrFillValue.Fill(buffer, [1, 2]);

        buffer.Should().Equal(1, 2, 1, 2, 1, 2);
    }
}
