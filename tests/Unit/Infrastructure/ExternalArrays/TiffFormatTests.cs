using FluentAssertions;
using Tiled.Application.Abstractions;
using Tiled.Domain.DataSources;
using Tiled.Formats.DataTypes;
using Tiled.Infrastructure.ExternalArrays;
using Xunit;

namespace Tiled.UnitTests.Infrastructure.ExternalArrays;

public sealed class TiffFormatTests : IDisposable
{
    private const string Tiff = ExternalArrayReader.TiffMimetype;
    private readonly ExternalFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    public static TheoryData<bool, int, int, bool> Layouts()
    {
        var data = new TheoryData<bool, int, int, bool>();
        foreach (var bigEndian in new[] { false, true })
        {
            foreach (var compression in new[] { 1, 5, 8, 32946, 32773 })
            {
                foreach (var tiled in new[] { false, true })
                {
                    data.Add(bigEndian, compression, 1, tiled);
                    data.Add(bigEndian, compression, 2, tiled);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task A_uint16_image_reads_in_every_layout_and_box(bool bigEndian, int compression, int predictor, bool tiled)
    {
        var data = Samples(37 * 53, 2, smooth: true);
        var image = new TestTiffImage(53, 37, 1, 16, 1, data)
        {
            Compression = compression,
            Predictor = predictor,
            RowsPerStrip = tiled ? null : 10,
            TileWidth = tiled ? 16 : null,
            TileLength = tiled ? 32 : null,
        };
        var source = Source("u16.tif", new TestTiffWriter(bigEndian).Write(image));

        var structure = await _fixture.Reader.InspectAsync(source, default);

        structure.DataType.Should().Be(DataType.UInt16);
        structure.Shape.Should().Equal(37, 53);
        structure.Chunks.Should().BeEquivalentTo(new[] { new long[] { 37 }, [53] }, o => o.WithStrictOrdering());
        (await _fixture.Reader.ReadBoxAsync(source, structure, [0, 0], [37, 53], default)).Should().Equal(data);
        foreach (var (start, count) in ExternalTestArrays.RandomBoxes([37, 53], 12, seed: compression))
        {
            (await _fixture.Reader.ReadBoxAsync(source, structure, start, count, default))
                .Should().Equal(ExternalTestArrays.Box(data, [37, 53], start, count, 2));
        }
    }

    [Theory]
    [InlineData(8, 1, 'u')]
    [InlineData(8, 2, 'i')]
    [InlineData(16, 2, 'i')]
    [InlineData(32, 1, 'u')]
    [InlineData(32, 2, 'i')]
    [InlineData(64, 1, 'u')]
    [InlineData(64, 2, 'i')]
    [InlineData(16, 3, 'f')]
    [InlineData(32, 3, 'f')]
    [InlineData(64, 3, 'f')]
    [InlineData(64, 6, 'c')]
    [InlineData(128, 6, 'c')]
    public async Task Every_sample_type_maps_to_its_little_endian_dtype(int bits, int format, char kind)
    {
        var size = bits / 8;
        var data = Samples(9 * 7, size, smooth: false);
        var file = new TestTiffWriter(bigEndian: kind != 'c').Write(new TestTiffImage(7, 9, 1, bits, format, data) { Compression = 8 });
        var source = Source("t.tif", file);

        var structure = await _fixture.Reader.InspectAsync(source, default);

        structure.DataType.Should().Be(new DataType(kind, size, size == 1 ? Endianness.NotApplicable : Endianness.Little));
        (await _fixture.Reader.ReadBoxAsync(source, structure, [0, 0], [9, 7], default)).Should().Equal(data);
    }

    [Fact]
    public async Task A_big_endian_image_can_be_served_big_endian_when_so_declared()
    {
        var data = Samples(4 * 5, 4, smooth: false);
        var source = Source("be.tif", new TestTiffWriter(bigEndian: true).Write(new TestTiffImage(5, 4, 1, 32, 2, data)));
        var structure = await _fixture.Reader.InspectAsync(source, default);
        var big = structure with { DataType = new DataType('i', 4, Endianness.Big) };

        var bytes = await _fixture.Reader.ReadBoxAsync(source, big, [0, 0], [4, 5], default);

        ElementOrder.Swap(bytes, big.DataType);
        bytes.Should().Equal(data);
    }

    [Theory]
    [InlineData(false, 5, 2)]
    [InlineData(true, 8, 2)]
    [InlineData(false, 1, 1)]
    public async Task Interleaved_samples_form_a_last_axis(bool tiled, int compression, int predictor)
    {
        var data = Samples(20 * 30 * 3, 1, smooth: true);
        var image = new TestTiffImage(30, 20, 3, 8, 1, data)
        {
            Compression = compression,
            Predictor = predictor,
            RowsPerStrip = 7,
            TileWidth = tiled ? 16 : null,
            TileLength = tiled ? 16 : null,
        };
        var source = Source("rgb.tif", new TestTiffWriter().Write(image));

        var structure = await _fixture.Reader.InspectAsync(source, default);

        structure.Shape.Should().Equal(20, 30, 3);
        (await _fixture.Reader.ReadBoxAsync(source, structure, [0, 0, 0], [20, 30, 3], default)).Should().Equal(data);
        (await _fixture.Reader.ReadBoxAsync(source, structure, [3, 14, 1], [10, 5, 2], default))
            .Should().Equal(ExternalTestArrays.Box(data, [20, 30, 3], [3, 14, 1], [10, 5, 2], 1));
    }

    [Theory]
    [InlineData(false, 32)]
    [InlineData(true, 32)]
    [InlineData(true, 64)]
    public async Task Floats_with_the_floating_point_predictor_read(bool bigEndian, int bits)
    {
        var data = Samples(11 * 13, bits / 8, smooth: false);
        var image = new TestTiffImage(13, 11, 1, bits, 3, data) { Compression = 8, Predictor = 3, RowsPerStrip = 4 };
        var source = Source("fp.tif", new TestTiffWriter(bigEndian).Write(image));

        var structure = await _fixture.Reader.InspectAsync(source, default);

        (await _fixture.Reader.ReadBoxAsync(source, structure, [0, 0], [11, 13], default)).Should().Equal(data);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task BigTiff_files_read(bool bigEndian)
    {
        var data = Samples(10 * 12, 2, smooth: true);
        var image = new TestTiffImage(12, 10, 1, 16, 1, data) { Compression = 5, TileWidth = 16, TileLength = 16 };
        var source = Source("big.tif", new TestTiffWriter(bigEndian, bigTiff: true).Write(image));

        var structure = await _fixture.Reader.InspectAsync(source, default);

        (await _fixture.Reader.ReadBoxAsync(source, structure, [2, 3], [5, 9], default))
            .Should().Equal(ExternalTestArrays.Box(data, [10, 12], [2, 3], [5, 9], 2));
    }

    [Fact]
    public async Task Uncompressed_strips_without_byte_counts_read()
    {
        var data = Samples(10 * 4, 1, smooth: true);
        var image = new TestTiffImage(4, 10, 1, 8, 1, data) { RowsPerStrip = 3, OmitByteCounts = true };
        var source = Source("nocounts.tif", new TestTiffWriter().Write(image));

        var structure = await _fixture.Reader.InspectAsync(source, default);

        (await _fixture.Reader.ReadBoxAsync(source, structure, [0, 0], [10, 4], default)).Should().Equal(data);
    }

    [Fact]
    public async Task Pages_of_one_image_geometry_stack_along_a_first_axis()
    {
        var pages = Enumerable.Range(0, 4).Select(p => Samples(6 * 8, 2, smooth: false, seed: p)).ToArray();
        var file = new TestTiffWriter().Write(pages.Select((d, p) => new TestTiffImage(8, 6, 1, 16, 2, d) { Compression = p % 2 == 0 ? 1 : 8 }).ToArray());
        var source = Source("stack.tif", file);

        var structure = await _fixture.Reader.InspectAsync(source, default);

        structure.Shape.Should().Equal(4, 6, 8);
        structure.Chunks[0].Should().Equal(1, 1, 1, 1);
        var full = pages.SelectMany(p => p).ToArray();
        (await _fixture.Reader.ReadBoxAsync(source, structure, [1, 2, 3], [3, 2, 4], default))
            .Should().Equal(ExternalTestArrays.Box(full, [4, 6, 8], [1, 2, 3], [3, 2, 4], 2));
    }

    [Fact]
    public async Task A_stack_whose_page_count_changed_is_invalid()
    {
        var page = new TestTiffImage(8, 6, 1, 8, 1, new byte[48]);
        var source = Source("three.tif", new TestTiffWriter().Write(page, page, page));
        var structure = await _fixture.Reader.InspectAsync(source, default);

        var more = () => _fixture.Reader.ReadBoxAsync(source, ExternalTestArrays.WithShape(structure, [4, 6, 8]), [0, 0, 0], [1, 1, 1], default);
        var fewer = () => _fixture.Reader.ReadBoxAsync(source, ExternalTestArrays.WithShape(structure, [2, 6, 8]), [0, 0, 0], [1, 1, 1], default);

        structure.Shape.Should().Equal(3, 6, 8);
        (await more.Should().ThrowAsync<ExternalDataException>()).Which.ErrorCode.Should().Be(ExternalDataException.InvalidExternalData);
        (await fewer.Should().ThrowAsync<ExternalDataException>()).Which.ErrorCode.Should().Be(ExternalDataException.InvalidExternalData);
    }

    [Fact]
    public async Task A_file_whose_pages_differ_is_its_first_page()
    {
        var first = Samples(6 * 8, 1, smooth: true);
        var file = new TestTiffWriter().Write(new TestTiffImage(8, 6, 1, 8, 1, first), new TestTiffImage(4, 3, 1, 8, 1, new byte[12]));
        var source = Source("mixed.tif", file);

        var structure = await _fixture.Reader.InspectAsync(source, default);

        structure.Shape.Should().Equal(6, 8);
        (await _fixture.Reader.ReadBoxAsync(source, structure, [0, 0], [6, 8], default)).Should().Equal(first);
    }

    [Fact]
    public async Task A_second_page_we_cannot_read_leaves_the_first_page_alone()
    {
        var file = new TestTiffWriter().Write(
            new TestTiffImage(8, 6, 1, 8, 1, new byte[48]), new TestTiffImage(8, 6, 1, 8, 1, new byte[48]) { Compression = 7 });

        (await _fixture.Reader.InspectAsync(Source("thumb.tif", file), default)).Shape.Should().Equal(6, 8);
    }

    [Theory]
    [InlineData(7, 1, 1, 8, 1)]
    [InlineData(1, 2, 3, 8, 1)]
    [InlineData(1, 1, 1, 8, 4)]
    [InlineData(8, 1, 1, 24, 1)]
    public async Task Compression_planes_and_sample_formats_we_do_not_read_are_unsupported(int compression, int planar, int samples, int bits, int format)
    {
        var image = new TestTiffImage(4, 4, samples, bits, format, new byte[4 * 4 * samples * bits / 8]) { Compression = compression, Planar = planar };

        (await Code(Source("u.tif", new TestTiffWriter().Write(image)))).Should().Be(ExternalDataException.UnsupportedMediaType);
    }

    [Fact]
    public async Task The_integer_predictor_on_floats_is_unsupported()
    {
        var image = new TestTiffImage(4, 4, 1, 32, 3, new byte[64]) { Compression = 8, Predictor = 2 };

        (await Code(Source("p.tif", new TestTiffWriter().Write(image)))).Should().Be(ExternalDataException.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_strip_beyond_the_end_of_the_file_is_invalid()
    {
        var file = new TestTiffWriter().Write(new TestTiffImage(16, 16, 1, 8, 1, Samples(256, 1, smooth: true)));
        var ifd = BitConverter.ToInt32(file, 4);
        for (var i = 0; i < BitConverter.ToUInt16(file, ifd); i++)
        {
            var entry = ifd + 2 + (i * 12);
            if (BitConverter.ToUInt16(file, entry) == 273)
            {
                BitConverter.GetBytes(file.Length - 100).CopyTo(file, entry + 8);
            }
        }

        (await Code(Source("cut.tif", file))).Should().Be(ExternalDataException.InvalidExternalData);
    }

    [Fact]
    public async Task A_compressed_strip_that_decodes_short_is_invalid_when_read()
    {
        var image = new TestTiffImage(16, 16, 1, 8, 1, Samples(256, 1, smooth: false)) { Compression = 5, TruncateLastSegment = 40 };
        var source = Source("short.tif", new TestTiffWriter().Write(image));
        var structure = await _fixture.Reader.InspectAsync(source, default);

        var act = () => _fixture.Reader.ReadBoxAsync(source, structure, [0, 0], [16, 16], default);

        (await act.Should().ThrowAsync<ExternalDataException>()).Which.ErrorCode.Should().Be(ExternalDataException.InvalidExternalData);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'9', (byte)'a', 0, 0 })]
    [InlineData(new byte[] { (byte)'I', (byte)'I', 42, 0, 200, 0, 0, 0 })]
    [InlineData(new byte[] { (byte)'I', (byte)'I', 42, 0, 8, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { (byte)'I', (byte)'I', 41, 0, 8, 0, 0, 0 })]
    [InlineData(new byte[] { (byte)'I', (byte)'I' })]
    public async Task Files_that_are_not_tiffs_are_invalid(byte[] content)
    {
        (await Code(Source("x.tif", content))).Should().Be(ExternalDataException.InvalidExternalData);
    }

    [Fact]
    public async Task A_directory_chain_that_loops_is_invalid()
    {
        var file = new TestTiffWriter().Write(new TestTiffImage(2, 2, 1, 8, 1, new byte[4]));
        var ifd = BitConverter.ToInt32(file, 4);
        var entries = BitConverter.ToUInt16(file, ifd);
        BitConverter.GetBytes(ifd).CopyTo(file, ifd + 2 + (entries * 12));

        (await Code(Source("loop.tif", file))).Should().Be(ExternalDataException.InvalidExternalData);
    }

    [Fact]
    public async Task A_page_that_changed_since_registration_is_invalid()
    {
        var source = Source("c.tif", new TestTiffWriter().Write(new TestTiffImage(8, 6, 1, 8, 1, new byte[48])));
        var structure = await _fixture.Reader.InspectAsync(source, default);

        var act = () => _fixture.Reader.ReadBoxAsync(source, ExternalTestArrays.WithShape(structure, [6, 9]), [0, 0], [1, 1], default);

        (await act.Should().ThrowAsync<ExternalDataException>()).Which.ErrorCode.Should().Be(ExternalDataException.InvalidExternalData);
    }

    /// <summary>Little-endian sample bytes: random, or a smooth ramp that compresses well.</summary>
    internal static byte[] Samples(int count, int itemSize, bool smooth, int seed = 1)
    {
        var data = new byte[count * itemSize];
        if (!smooth)
        {
            new Random(seed).NextBytes(data);
            return data;
        }

        for (var i = 0; i < count; i++)
        {
            BitConverter.GetBytes((long)(i / 3 * 257)).AsSpan(0, itemSize).CopyTo(data.AsSpan(i * itemSize));
        }

        return data;
    }

    private DataSource Source(string name, byte[] file) => ExternalFixture.Source(Tiff, null, _fixture.Write(name, file));

    private Task<string> Code(DataSource source) => ExternalCodes.OfInspectAsync(_fixture.Reader, source);
}
