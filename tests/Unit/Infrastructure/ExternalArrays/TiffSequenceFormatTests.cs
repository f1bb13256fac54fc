using FluentAssertions;
using Tiled.Application.Abstractions;
using Tiled.Domain.DataSources;
using Tiled.Domain.Nodes;
using Tiled.Formats.DataTypes;
using Tiled.Infrastructure.ExternalArrays;
using Xunit;

namespace Tiled.UnitTests.Infrastructure.ExternalArrays;

public sealed class TiffSequenceFormatTests : IDisposable
{
    private const string Sequence = ExternalArrayReader.TiffSequenceMimetype;
    private readonly ExternalFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Files_ordered_by_num_form_the_first_axis_with_one_chunk_each()
    {
        var (source, frames) = WriteSequence(5, (k, data) => new TestTiffImage(9, 7, 1, 16, 1, data) { Compression = k % 2 == 0 ? 5 : 8 });

        var structure = await _fixture.Reader.InspectAsync(source, default);

        structure.DataType.Should().Be(DataType.UInt16);
        structure.Shape.Should().Equal(5, 7, 9);
        structure.Chunks.Should().BeEquivalentTo(new[] { new long[] { 1, 1, 1, 1, 1 }, [7], [9] }, o => o.WithStrictOrdering());
        var full = frames.SelectMany(f => f).ToArray();
        (await _fixture.Reader.ReadBoxAsync(source, structure, [0, 0, 0], [5, 7, 9], default)).Should().Equal(full);
        (await _fixture.Reader.ReadBoxAsync(source, structure, [1, 2, 3], [3, 4, 5], default))
            .Should().Equal(ExternalTestArrays.Box(full, [5, 7, 9], [1, 2, 3], [3, 4, 5], 2));
    }

    [Fact]
    public async Task A_box_read_opens_only_the_files_of_its_frames()
    {
        var (source, frames) = WriteSequence(4, (_, data) => new TestTiffImage(3, 2, 1, 8, 1, data));
        var structure = await _fixture.Reader.InspectAsync(source, default);
        File.Delete(FilePath(0));
        File.WriteAllBytes(FilePath(3), [1, 2, 3]);

        (await _fixture.Reader.ReadBoxAsync(source, structure, [1, 0, 0], [2, 2, 3], default)).Should().Equal([.. frames[1], .. frames[2]]);
        var missing = () => _fixture.Reader.ReadBoxAsync(source, structure, [0, 0, 0], [1, 2, 3], default);
        var corrupt = () => _fixture.Reader.ReadBoxAsync(source, structure, [3, 0, 0], [1, 2, 3], default);
        (await missing.Should().ThrowAsync<ExternalDataException>()).Which.ErrorCode.Should().Be(ExternalDataException.InvalidExternalData);
        (await corrupt.Should().ThrowAsync<ExternalDataException>()).Which.ErrorCode.Should().Be(ExternalDataException.InvalidExternalData);
    }

    [Fact]
    public async Task Big_endian_and_rgb_frames_are_served_little_endian()
    {
        var (source, frames) = WriteSequence(3, (_, data) => new TestTiffImage(4, 5, 3, 16, 1, data) { Compression = 8, Predictor = 2 },
            samples: 3, itemSize: 2, bigEndian: true);

        var structure = await _fixture.Reader.InspectAsync(source, default);

        structure.Shape.Should().Equal(3, 5, 4, 3);
        structure.DataType.Should().Be(DataType.UInt16);
        (await _fixture.Reader.ReadBoxAsync(source, structure, [0, 0, 0, 0], [3, 5, 4, 3], default)).Should().Equal(frames.SelectMany(f => f));
    }

    [Fact]
    public async Task Files_of_different_images_are_invalid()
    {
        var first = _fixture.Write("a.tif", new TestTiffWriter().Write(new TestTiffImage(3, 2, 1, 8, 1, new byte[6])));
        var other = _fixture.Write("b.tif", new TestTiffWriter().Write(new TestTiffImage(3, 2, 1, 16, 1, new byte[12])));

        (await Code(ExternalFixture.Source(Sequence, null, first, other))).Should().Be(ExternalDataException.InvalidExternalData);
    }

    [Fact]
    public async Task Assets_without_distinct_nums_are_invalid()
    {
        var a = _fixture.Write("a.tif", new TestTiffWriter().Write(new TestTiffImage(3, 2, 1, 8, 1, new byte[6])));
        var source = new DataSource(null, StructureFamily.Array, null, Sequence, [], [], Management.External,
            [new Asset(null, ExternalFixture.Uri(a), false, "data_uris", 1), new Asset(null, ExternalFixture.Uri(a), false, "data_uris", 1)]);
        var none = source with { Assets = [] };

        (await Code(source)).Should().Be(ExternalDataException.InvalidExternalData);
        (await Code(none)).Should().Be(ExternalDataException.InvalidExternalData);
    }

    [Fact]
    public async Task A_file_outside_the_roots_is_forbidden()
    {
        var inside = _fixture.Write("a.tif", new TestTiffWriter().Write(new TestTiffImage(3, 2, 1, 8, 1, new byte[6])));
        var outside = Path.Combine(_fixture.Outside, "b.tif");
        File.Copy(inside, outside);

        (await Code(ExternalFixture.Source(Sequence, null, inside, outside))).Should().Be(ExternalDataException.ForbiddenPath);
    }

    [Fact]
    public async Task A_structure_that_is_not_a_stack_of_the_files_is_invalid()
    {
        var (source, _) = WriteSequence(2, (_, data) => new TestTiffImage(3, 2, 1, 8, 1, data));
        var structure = await _fixture.Reader.InspectAsync(source, default);

        var tooMany = () => _fixture.Reader.ReadBoxAsync(source, ExternalTestArrays.WithShape(structure, [3, 2, 3]), [0, 0, 0], [1, 1, 1], default);
        var flat = () => _fixture.Reader.ReadBoxAsync(source, ExternalTestArrays.WithShape(structure, [6, 3]), [0, 0], [1, 1], default);
        var wider = () => _fixture.Reader.ReadBoxAsync(source, ExternalTestArrays.WithShape(structure, [2, 2, 4]), [0, 0, 0], [1, 1, 1], default);

        (await tooMany.Should().ThrowAsync<ExternalDataException>()).Which.ErrorCode.Should().Be(ExternalDataException.InvalidExternalData);
        (await flat.Should().ThrowAsync<ExternalDataException>()).Which.ErrorCode.Should().Be(ExternalDataException.InvalidExternalData);
        (await wider.Should().ThrowAsync<ExternalDataException>()).Which.ErrorCode.Should().Be(ExternalDataException.InvalidExternalData);
    }

    private string FilePath(int k) => Path.Combine(_fixture.Root, "seq", $"frame{k}.tif");

    /// <summary>Writes <paramref name="n"/> frames and a source listing them in reverse, so only the nums give the order.</summary>
    private (DataSource Source, byte[][] Frames) WriteSequence(int n, Func<int, byte[], TestTiffImage> image,
        int samples = 1, int itemSize = 0, bool bigEndian = false)
    {
        var frames = new byte[n][];
        var assets = new List<Asset>();
        for (var k = n - 1; k >= 0; k--)
        {
            var probe = image(k, []);
            var size = itemSize > 0 ? itemSize : probe.ItemSize;
            frames[k] = TiffFormatTests.Samples(probe.Width * probe.Height * samples, size, smooth: k % 2 == 0, seed: k);
            _fixture.Write(Path.Combine("seq", $"frame{k}.tif"), new TestTiffWriter(bigEndian).Write(image(k, frames[k])));
            assets.Add(new Asset(null, ExternalFixture.Uri(FilePath(k)), false, "data_uris", k));
        }

        return (new DataSource(null, StructureFamily.Array, null, Sequence, [], [], Management.External, assets), frames);
    }

    private Task<string> Code(DataSource source) => ExternalCodes.OfInspectAsync(_fixture.Reader, source);
}
