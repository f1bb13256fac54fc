using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.Application.Abstractions;
using Tiled.Formats.DataTypes;
using Tiled.Infrastructure.ExternalArrays;
using Xunit;

namespace Tiled.UnitTests.Infrastructure.ExternalArrays;

public sealed class RawBinaryFormatTests : IDisposable
{
    private const string Raw = ExternalArrayReader.RawMimetype;
    private readonly ExternalFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task A_raw_file_is_read_after_its_offset_with_the_declared_dtype_and_shape()
    {
        var payload = NpyFiles.Int32(Enumerable.Range(0, 24).Select(i => i * 11), bigEndian: true);
        var path = _fixture.Write("frame.raw", [.. new byte[16], .. payload, 9, 9]);
        var source = ExternalFixture.Source(Raw, Parameters(">i4", [2, 3, 4], 16), path);

        var structure = await _fixture.Reader.InspectAsync(source, default);

        structure.DataType.Should().Be(new DataType('i', 4, Endianness.Big));
        structure.Shape.Should().Equal(2, 3, 4);
        (await _fixture.Reader.ReadBoxAsync(source, structure, [0, 0, 0], [2, 3, 4], default)).Should().Equal(payload);
        (await _fixture.Reader.ReadBoxAsync(source, structure, [1, 1, 2], [1, 2, 2], default))
            .Should().Equal(ExternalTestArrays.Box(payload, [2, 3, 4], [1, 1, 2], [1, 2, 2], 4));
    }

    [Fact]
    public async Task The_offset_defaults_to_zero()
    {
        var path = _fixture.Write("bytes.raw", [1, 2, 3, 4, 5, 6]);
        var source = ExternalFixture.Source(Raw, new JsonObject { ["dtype"] = "|u1", ["shape"] = new JsonArray(2, 3) }, path);

        var structure = await _fixture.Reader.InspectAsync(source, default);

        (await _fixture.Reader.ReadBoxAsync(source, structure, [1, 0], [1, 3], default)).Should().Equal(4, 5, 6);
    }

    [Fact]
    public async Task A_file_too_short_for_offset_and_shape_is_invalid()
    {
        var path = _fixture.Write("short.raw", new byte[23]);

        (await Code(ExternalFixture.Source(Raw, Parameters("<f4", [2, 3], 0), path))).Should().Be(ExternalDataException.InvalidExternalData);
        (await Code(ExternalFixture.Source(Raw, Parameters("<f4", [2, 2], 8), path))).Should().Be(ExternalDataException.InvalidExternalData);
        (await Code(ExternalFixture.Source(Raw, Parameters("<f4", [2, 2], 7), path))).Should().Be("none");
    }

    [Fact]
    public async Task A_shape_too_large_to_address_says_how_many_bytes_it_would_need()
    {
        var path = _fixture.Write("huge.raw", new byte[64]);

        var inspect = () => _fixture.Reader.InspectAsync(ExternalFixture.Source(Raw, Parameters("<f8", [1L << 62, 4], 0), path), default);

        (await inspect.Should().ThrowAsync<ExternalDataException>()).Which.Message.Should().Contain("has 64 bytes").And.Contain("needs 147573952589676412928");
    }

    [Theory]
    [InlineData("""{"shape": [2]}""", ExternalDataException.InvalidExternalData)]
    [InlineData("""{"dtype": "<f4"}""", ExternalDataException.InvalidExternalData)]
    [InlineData("""{"dtype": "<f4", "shape": [-1]}""", ExternalDataException.InvalidExternalData)]
    [InlineData("""{"dtype": "<f4", "shape": 2}""", ExternalDataException.InvalidExternalData)]
    [InlineData("""{"dtype": "<f4", "shape": [2], "offset": -4}""", ExternalDataException.InvalidExternalData)]
    [InlineData("""{"dtype": "<f4", "shape": [2], "offset": "4"}""", ExternalDataException.InvalidExternalData)]
    [InlineData("""{"dtype": "<f4", "shape": [2], "ofset": 4}""", ExternalDataException.InvalidExternalData)]
    [InlineData("""{"dtype": "float", "shape": [2]}""", ExternalDataException.InvalidExternalData)]
    [InlineData("""{"dtype": "|O8", "shape": [2]}""", ExternalDataException.UnsupportedMediaType)]
    [InlineData("""{"dtype": "<f4", "shape": [99999999999, 99999999999]}""", ExternalDataException.InvalidExternalData)]
    public async Task Bad_parameters_are_refused(string parameters, string code)
    {
        var path = _fixture.Write("x.raw", new byte[64]);

        (await Code(ExternalFixture.Source(Raw, JsonNode.Parse(parameters)?.AsObject(), path))).Should().Be(code);
    }

    [Fact]
    public async Task Parameters_are_checked_before_the_path_is_resolved_but_the_path_is_still_confined()
    {
        var outside = Path.Combine(_fixture.Outside, "x.raw");
        File.WriteAllBytes(outside, new byte[8]);

        (await Code(ExternalFixture.Source(Raw, Parameters("<f4", [2], 0), outside))).Should().Be(ExternalDataException.ForbiddenPath);
    }

    private static JsonObject Parameters(string dtype, long[] shape, long offset) => new()
    {
        ["dtype"] = dtype,
        ["shape"] = new JsonArray(shape.Select(n => (JsonNode?)n).ToArray()),
        ["offset"] = offset,
    };

    private Task<string> Code(Tiled.Domain.DataSources.DataSource source) => ExternalCodes.OfInspectAsync(_fixture.Reader, source);
}
