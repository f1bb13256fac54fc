using FluentAssertions;
using Tiled.Application.Abstractions;
using Tiled.Infrastructure.ExternalArrays;
using Xunit;

namespace Tiled.UnitTests.Infrastructure.ExternalArrays;

public sealed class ExternalArrayReaderTests : IDisposable
{
    private readonly ExternalFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Theory]
    [InlineData("multipart/related; type=\"image/tiff\"")]
    [InlineData("Multipart/Related;Type=Image/TIFF")]
    [InlineData(" multipart/related ; type = image/tiff ")]
    public void Mimetypes_compare_without_case_spaces_or_quotes(string mimetype)
    {
        ExternalArrayReader.Normalize(mimetype).Should().Be(ExternalArrayReader.TiffSequenceMimetype);
        ExternalArrayReader.IsSupported(mimetype).Should().BeTrue();
    }

    [Theory]
    [InlineData("image/png")]
    [InlineData("application/x-hdf5")]
    [InlineData("text/csv")]
    [InlineData("")]
    public async Task Other_mimetypes_are_unsupported(string mimetype)
    {
        var path = _fixture.Write("x", [1]);

        ExternalArrayReader.IsSupported(mimetype).Should().BeFalse();
        (await ExternalCodes.OfInspectAsync(_fixture.Reader, ExternalFixture.Source(mimetype, null, path)))
            .Should().Be(ExternalDataException.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_single_file_format_with_several_assets_is_invalid_unless_one_is_the_data_uri()
    {
        var a = _fixture.Write("a.npy", NpyFiles.Build("{'descr': '|u1', 'fortran_order': False, 'shape': (2,), }", [1, 2]));
        var b = _fixture.Write("b.npy", NpyFiles.Build("{'descr': '|u1', 'fortran_order': False, 'shape': (2,), }", [1, 2]));
        var two = ExternalFixture.Source(ExternalArrayReader.NpyMimetype, null, a, b);
        var tagged = two with { Assets = [two.Assets[0] with { Parameter = "data_uri" }, two.Assets[1] with { Parameter = "other" }] };

        (await ExternalCodes.OfInspectAsync(_fixture.Reader, two)).Should().Be(ExternalDataException.InvalidExternalData);
        (await ExternalCodes.OfInspectAsync(_fixture.Reader, tagged)).Should().Be("none");
    }

    [Fact]
    public async Task An_asset_outside_the_roots_is_forbidden_for_every_format()
    {
        var outside = Path.Combine(_fixture.Outside, "x");
        File.WriteAllBytes(outside, [1]);

        foreach (var mimetype in ExternalArrayReader.SupportedMimetypes.Except([ExternalArrayReader.RawMimetype]))
        {
            (await ExternalCodes.OfInspectAsync(_fixture.Reader, ExternalFixture.Source(mimetype, null, outside)))
                .Should().Be(ExternalDataException.ForbiddenPath, mimetype);
        }
    }

    [Fact]
    public async Task A_file_the_server_may_not_open_is_invalid()
    {
        if (Environment.UserName == "root" || OperatingSystem.IsWindows())
        {
            return; // root reads files regardless of their mode.
        }

        var path = _fixture.Write("locked.npy", NpyFiles.Build("{'descr': '|u1', 'fortran_order': False, 'shape': (2,), }", [1, 2]));
        File.SetUnixFileMode(path, UnixFileMode.None);

        (await ExternalCodes.OfInspectAsync(_fixture.Reader, ExternalFixture.Source(ExternalArrayReader.NpyMimetype, null, path)))
            .Should().Be(ExternalDataException.InvalidExternalData);
    }

    [Fact]
    public async Task Cancellation_is_not_translated()
    {
        var path = _fixture.Write("a.npy", NpyFiles.Build("{'descr': '|u1', 'fortran_order': False, 'shape': (2,), }", [1, 2]));
        var source = ExternalFixture.Source(ExternalArrayReader.NpyMimetype, null, path);
        var structure = await _fixture.Reader.InspectAsync(source, default);

        var act = () => _fixture.Reader.ReadBoxAsync(source, structure, [0], [2], new CancellationToken(canceled: true));

        await act.Should().ThrowAsync<OperationCanceledException>();
    }
}
