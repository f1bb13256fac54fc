using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.Formats.DataTypes;
using Tiled.Infrastructure.ArrayStorage;
using Xunit;
using Xunit.Abstractions;

namespace Tiled.IntegrationTests.Interop;

/// <summary>
/// <see cref="FileSystemArrayStore"/> reads (and updates) what zarr-python writes.
/// </summary>
public sealed class ZarrInteropReverseTests(ITestOutputHelper output) : IDisposable
{
    private readonly ZarrInteropWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Theory]
    [InlineData("<i4", "zlib", new long[] { 7, 5 }, new long[] { 3, 2 })]
    [InlineData("<f8", "gzip", new long[] { 11 }, new long[] { 4 })]
    [InlineData(">f8", "zlib", new long[] { 3, 4 }, new long[] { 2, 3 })]
    [InlineData("<u2", null, new long[] { 3, 4, 5 }, new long[] { 2, 2, 2 })]
    public async Task We_read_what_zarr_python_wrote(string dtype, string? compressor, long[] shape, long[] chunks)
    {
        if (!await ZarrPython.IsAvailableAsync(output))
        {
            return;
        }

        var spec = ZarrInteropArrays.Spec(dtype, shape, chunks);
        spec["compressor"] = compressor;
        spec["scale"] = 3.25;
        spec["offset"] = -50;
        var (uri, expected) = await _workspace.CreateWithPythonAsync(spec);
        var structure = ZarrInteropArrays.Structure(ZarrInteropArrays.DataTypeOf(dtype), shape, chunks);

        var bytes = await _workspace.NewStore().ReadBoxAsync(uri, structure, new long[shape.Length], shape, default);

        ZarrInteropArrays.Decode(bytes, dtype).Should().Equal(expected);
    }

    [Fact]
    public async Task We_read_a_sub_box_of_a_zlib_array_that_zarr_python_wrote()
    {
        if (!await ZarrPython.IsAvailableAsync(output))
        {
            return;
        }

        var spec = ZarrInteropArrays.Spec("<i4", [7, 5], [3, 2]);
        spec["compressor"] = "zlib";
        var (uri, all) = await _workspace.CreateWithPythonAsync(spec);

        var bytes = await _workspace.NewStore().ReadBoxAsync(uri, ZarrInteropArrays.Structure(DataType.Int32, [7, 5], [3, 2]), [2, 1], [4, 3], default);

        var expected = Enumerable.Range(2, 4).SelectMany(i => Enumerable.Range(1, 3).Select(j => all[(i * 5) + j]));
        ZarrInteropArrays.Decode(bytes, "<i4").Should().Equal(expected);
    }

    [Fact]
    public async Task Missing_chunks_of_a_zarr_python_array_read_as_its_fill_value()
    {
        if (!await ZarrPython.IsAvailableAsync(output))
        {
            return;
        }

        var spec = ZarrInteropArrays.Spec("<i2", [10], [3]);
        spec["fill"] = -1;
        spec["region"] = JsonNode.Parse("[[4, 6]]");
        var (uri, expected) = await _workspace.CreateWithPythonAsync(spec);

        var bytes = await _workspace.NewStore().ReadBoxAsync(uri, ZarrInteropArrays.Structure(DataType.Int16, [10], [3]), [0], [10], default);

        ZarrInteropArrays.Decode(bytes, "<i2").Should().Equal(expected);
        expected.Should().Contain(-1);
    }

    [Fact]
    public async Task We_read_zarr_python_arrays_with_nested_chunk_keys()
    {
        if (!await ZarrPython.IsAvailableAsync(output))
        {
            return;
        }

        var spec = ZarrInteropArrays.Spec("<u2", [5, 4], [2, 3]);
        spec["separator"] = "/";
        var (uri, expected) = await _workspace.CreateWithPythonAsync(spec);

        var bytes = await _workspace.NewStore().ReadBoxAsync(uri, ZarrInteropArrays.Structure(DataType.UInt16, [5, 4], [2, 3]), [0, 0], [5, 4], default);

        ZarrInteropArrays.Decode(bytes, "<u2").Should().Equal(expected);
    }

    [Fact]
    public async Task Zarr_python_reads_our_writes_into_its_zlib_array()
    {
        if (!await ZarrPython.IsAvailableAsync(output))
        {
            return;
        }

        var spec = ZarrInteropArrays.Spec("<i4", [6], [4]);
        spec["compressor"] = "zlib";
        var (uri, _) = await _workspace.CreateWithPythonAsync(spec);

        await _workspace.NewStore().WriteBoxAsync(uri, ZarrInteropArrays.Structure(DataType.Int32, [6], [4]), [3], [2], ZarrInteropArrays.LittleEndian([-7, -8]), default);

        ZarrInteropArrays.Values(await ZarrInteropWorkspace.ReadWithPythonAsync(uri)).Select(v => v!.GetValue<int>()).Should().Equal(0, 1, 2, -7, -8, 5);
    }

    [Fact]
    public async Task We_read_what_zarr_python_wrote_into_our_array()
    {
        if (!await ZarrPython.IsAvailableAsync(output))
        {
            return;
        }

        var structure = ZarrInteropArrays.Structure(DataType.Int64, [4, 6], [3, 4]);
        var store = _workspace.NewStore();
        var uri = await store.CreateAsync(["shared"], structure, default);

        await ZarrPython.RunAsync("import sys, zarr\nzarr.open(sys.argv[1], mode='r+')[1:3, 2:5] = 7", DataUris.ToPath(uri));

        var values = ZarrInteropArrays.Decode(await store.ReadBoxAsync(uri, structure, [0, 0], [4, 6], default), "<i8");
        var expected = Enumerable.Range(0, 24).Select(k => k / 6 is >= 1 and < 3 && k % 6 is >= 2 and < 5 ? 7.0 : 0.0);
        values.Should().Equal(expected);
    }
}
