using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.Application.Abstractions;
using Tiled.Domain.Arrays;
using Tiled.Domain.DataSources;
using Tiled.Domain.Nodes;
using Tiled.Infrastructure.ArrayStorage;
using Tiled.Infrastructure.ExternalArrays;
using Xunit;
using Xunit.Abstractions;

namespace Tiled.IntegrationTests.Interop;

/// <summary>
/// Our external readers return what numpy, zarr-python, tifffile and Pillow read from files those
/// libraries wrote: the same dtype (TIFF always little-endian, as tifffile reports it), shape and
/// values, for the whole array and for boxes of it.
/// </summary>
public sealed class ExternalReadersInteropTests(ExternalInteropFiles files, ITestOutputHelper output) : IClassFixture<ExternalInteropFiles>
{
    private ExternalArrayReader Reader => new(new ExternalPathPolicy([files.Root]));

    [Theory]
    [InlineData("npy_f8_3d")]
    [InlineData("npy_be_i4")]
    [InlineData("npy_be_f8_3d")]
    [InlineData("npy_u1")]
    [InlineData("npy_c8")]
    [InlineData("npy_bool")]
    [InlineData("npy_dt")]
    [InlineData("npy_v2")]
    [InlineData("npy_v3")]
    [InlineData("npy_scalar")]
    public Task Npy_files_written_by_numpy_read_as_numpy_loads_them(string name) =>
        CompareAsync(name, ExternalArrayReader.NpyMimetype);

    [Theory]
    [InlineData("raw_f4")]
    [InlineData("raw_be_u2")]
    public Task Raw_files_written_by_tofile_read_as_fromfile_reads_them(string name) =>
        CompareAsync(name, ExternalArrayReader.RawMimetype, e => e["parameters"]?.AsObject().DeepClone().AsObject());

    [Theory]
    [InlineData("zarr_zlib_i4")]
    [InlineData("zarr_none_f8")]
    [InlineData("zarr_gzip_be_f4")]
    [InlineData("zarr_nested_u2")]
    public async Task Zarr_arrays_written_by_zarr_python_read_with_their_chunks(string name)
    {
        var structure = await CompareAsync(name, ExternalArrayReader.ZarrMimetype);
        if (structure is not null)
        {
            ChunkGrid.ChunkSize(structure.Chunks).Should().Equal(files.Manifest[name]?["chunks"]?.AsArray().Select(n => n?.GetValue<long>() ?? 0));
        }
    }

    [Theory]
    [InlineData("tif_u8")]
    [InlineData("tif_i8")]
    [InlineData("tif_u16_zlib")]
    [InlineData("tif_u16_zlib_pred")]
    [InlineData("tif_i32_tile")]
    [InlineData("tif_f32_tile_zlib")]
    [InlineData("tif_f64")]
    [InlineData("tif_be_u16_zlib_pred")]
    [InlineData("tif_be_f32_tile")]
    [InlineData("tif_be_i32")]
    [InlineData("tif_rgb_zlib")]
    [InlineData("tif_multipage_i16")]
    [InlineData("tif_rows_f32_zlib")]
    [InlineData("tif_bigtiff_u16")]
    public Task Tiffs_written_by_tifffile_read_as_tifffile_reads_them(string name) =>
        CompareAsync(name, ExternalArrayReader.TiffMimetype);

    [Theory]
    [InlineData("pil_lzw_u8", 5)]
    [InlineData("pil_lzw_u8_smooth", 5)]
    [InlineData("pil_lzw_u16_pred", 5)]
    [InlineData("pil_lzw_rgb", 5)]
    [InlineData("pil_lzw_f32", 5)]
    [InlineData("pil_packbits_i32", 32773)]
    [InlineData("pil_deflate_u8", 8)]
    public async Task Tiffs_compressed_by_libtiff_read_as_pillow_reads_them(string name, int compression)
    {
        if (await CompareAsync(name, ExternalArrayReader.TiffMimetype) is not null)
        {
            files.Manifest[name]?["tiff"]?["compression"]?.GetValue<int>().Should().Be(compression);
        }
    }

    [Fact]
    public async Task A_sequence_of_tiffs_reads_as_the_stack_of_its_files()
    {
        var structure = await CompareAsync("tif_sequence", ExternalArrayReader.TiffSequenceMimetype);
        if (structure is not null)
        {
            structure.Chunks[0].Should().Equal(1, 1, 1, 1, 1);
            structure.Chunks[1].Should().Equal(12);
        }
    }

    [Theory]
    [InlineData("file_link")]
    [InlineData("dir_link")]
    [InlineData("dotdot")]
    [InlineData("secret")]
    public async Task Paths_that_lead_outside_the_root_are_forbidden(string key)
    {
        if (!files.IsAvailable(output))
        {
            return;
        }

        var path = files.Manifest["_escape"]?[key]?.GetValue<string>() ?? throw new InvalidOperationException("No escape paths.");
        var act = () => Reader.InspectAsync(Source(ExternalArrayReader.NpyMimetype, null, "file://localhost" + path), default);

        (await act.Should().ThrowAsync<ExternalDataException>()).Which.ErrorCode.Should().Be(ExternalDataException.ForbiddenPath);
    }

    [Theory]
    [InlineData("http://localhost/data/npy_u1.npy")]
    [InlineData("npy_u1.npy")]
    [InlineData("file://otherhost/npy_u1.npy")]
    public async Task Non_file_uris_are_invalid(string uri)
    {
        if (!files.IsAvailable(output))
        {
            return;
        }

        var act = () => Reader.InspectAsync(Source(ExternalArrayReader.NpyMimetype, null, uri), default);

        (await act.Should().ThrowAsync<ExternalDataException>()).Which.ErrorCode.Should().Be(ExternalDataException.InvalidExternalData);
    }

    [Fact]
    public async Task A_missing_file_inside_the_root_is_invalid()
    {
        if (!files.IsAvailable(output))
        {
            return;
        }

        var act = () => Reader.InspectAsync(Source(ExternalArrayReader.NpyMimetype, null, "file://" + files.Root + "/missing.npy"), default);

        (await act.Should().ThrowAsync<ExternalDataException>()).Which.ErrorCode.Should().Be(ExternalDataException.InvalidExternalData);
    }

    /// <summary>
    /// Inspects the entry's files, checks dtype and shape against the Python side, then compares the
    /// whole array and a few boxes byte for byte (in little-endian order). Null when Python is missing.
    /// </summary>
    private async Task<ArrayStructure?> CompareAsync(string name, string mimetype, Func<JsonObject, JsonObject?>? parameters = null)
    {
        if (!files.IsAvailable(output))
        {
            return null;
        }

        var (paths, dtype, shape, expected, entry) = files.Entry(name);
        var source = Source(mimetype, parameters?.Invoke(entry), [.. paths.Select(p => "file://localhost" + p)]);
        var reader = Reader;

        var structure = await reader.InspectAsync(source, default);

        structure.DataType.ToNumpyString().Should().Be(dtype);
        structure.Shape.Should().Equal(shape);
        var itemSize = structure.DataType.ItemSize;
        (await ReadLittleEndianAsync(reader, source, structure, new long[shape.Length], shape)).Should().Equal(expected);
        var random = new Random(name.Length);
        for (var i = 0; i < 5 && shape.Length > 0; i++)
        {
            var start = shape.Select(n => (long)random.Next((int)Math.Max(n, 1))).ToArray();
            var count = shape.Select((n, d) => Math.Min(n - start[d], 1 + random.Next((int)Math.Max(n, 1)))).ToArray();
            var box = new byte[ChunkLayout.Product(count) * itemSize];
            NdCopy.Copy(expected, shape, start, box, count, new long[shape.Length], count, itemSize);
            (await ReadLittleEndianAsync(reader, source, structure, start, count)).Should().Equal(box, $"box at [{string.Join(",", start)}] of [{string.Join(",", count)}]");
        }

        return structure;
    }

    private static async Task<byte[]> ReadLittleEndianAsync(ExternalArrayReader reader, DataSource source, ArrayStructure structure, long[] start, long[] count)
    {
        var bytes = await reader.ReadBoxAsync(source, structure, start, count, default);
        if (structure.DataType.IsBigEndian)
        {
            ElementOrder.Swap(bytes, structure.DataType);
        }

        return bytes;
    }

    private static DataSource Source(string mimetype, JsonObject? parameters, params string[] uris) =>
        new(null, StructureFamily.Array, null, mimetype, parameters ?? [], [], Management.External,
            uris.Select((uri, i) => new Asset(null, uri, false, uris.Length == 1 ? "data_uri" : "data_uris", uris.Length == 1 ? null : i)).ToList());
}
