using FluentAssertions;
using Tiled.Application.Abstractions;
using Tiled.Formats.DataTypes;
using Tiled.Infrastructure.ExternalArrays;
using Xunit;

namespace Tiled.UnitTests.Infrastructure.ExternalArrays;

public sealed class NumpyDTypeTests
{
    [Theory]
    [InlineData("<f4", 'f', 4, Endianness.Little, null)]
    [InlineData(">i2", 'i', 2, Endianness.Big, null)]
    [InlineData("|u1", 'u', 1, Endianness.NotApplicable, null)]
    [InlineData("<u1", 'u', 1, Endianness.NotApplicable, null)]
    [InlineData("|b1", 'b', 1, Endianness.NotApplicable, null)]
    [InlineData("f8", 'f', 8, Endianness.Little, null)]
    [InlineData("=i8", 'i', 8, Endianness.Little, null)]
    [InlineData("<c16", 'c', 16, Endianness.Little, null)]
    [InlineData("<M8[ns]", 'M', 8, Endianness.Little, "[ns]")]
    [InlineData(">m8[10s]", 'm', 8, Endianness.Big, "[10s]")]
    [InlineData("|S5", 'S', 5, Endianness.NotApplicable, null)]
    [InlineData("<U3", 'U', 12, Endianness.Little, null)]
    [InlineData("|V12", 'V', 12, Endianness.NotApplicable, null)]
    public void Type_strings_parse_to_data_types(string text, char kind, int size, Endianness order, string? units)
    {
        NumpyDType.Parse(text).Should().Be(new DataType(kind, size, order, units));
    }

    [Theory]
    [InlineData("")]
    [InlineData("<")]
    [InlineData("float32")]
    [InlineData("<f")]
    [InlineData("<f4x")]
    [InlineData("<f0")]
    [InlineData("<M8[xs]")]
    [InlineData("<M8[")]
    [InlineData("<m8[0s]")]
    [InlineData("<M8[ns")]
    public void Malformed_type_strings_are_invalid(string text)
    {
        var act = () => NumpyDType.Parse(text);

        act.Should().Throw<ExternalDataException>().Which.ErrorCode.Should().Be(ExternalDataException.InvalidExternalData);
    }

    [Theory]
    [InlineData("|O8")]
    [InlineData("|O")]
    [InlineData("<q8")]
    [InlineData("<f16")]
    [InlineData("<i3")]
    [InlineData("<u16")]
    [InlineData("<f12")]
    [InlineData("<c32")]
    [InlineData("<M8")]
    [InlineData("<i4[ns]")]
    public void Kinds_and_sizes_we_do_not_serve_are_unsupported(string text)
    {
        var act = () => NumpyDType.Parse(text);

        act.Should().Throw<ExternalDataException>().Which.ErrorCode.Should().Be(ExternalDataException.UnsupportedMediaType);
    }
}
