using System.Buffers.Binary;
using System.Numerics;
using FluentAssertions;
using Tiled.Formats.DataTypes;
using Xunit;
using Xunit.Abstractions;

namespace Tiled.IntegrationTests.Interop;

/// <summary>
/// zarr-python reads what <see cref="Tiled.Infrastructure.ArrayStorage.FileSystemArrayStore"/> writes.
/// </summary>
public sealed class ZarrInteropTests(ITestOutputHelper output) : IDisposable
{
    private readonly ZarrInteropWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Zarr_python_reads_an_int64_array_of_two_chunks()
    {
        if (!await ZarrPython.IsAvailableAsync(output))
        {
            return;
        }

        var values = Enumerable.Range(0, 10).Select(i => (i * 1000L) - 3).ToArray();
        var uri = await _workspace.WriteAsync(DataType.Int64, [10], [5], ZarrInteropArrays.LittleEndian(values));

        var read = await ZarrInteropWorkspace.ReadWithPythonAsync(uri);

        read["dtype"]!.GetValue<string>().Should().Be("<i8");
        read["chunks"]!.ToJsonString().Should().Be("[5]");
        ZarrInteropArrays.Values(read).Select(v => v!.GetValue<long>()).Should().Equal(values);
    }

    [Fact]
    public async Task Zarr_python_reads_a_float32_matrix_with_ragged_edge_chunks_written_in_two_boxes()
    {
        if (!await ZarrPython.IsAvailableAsync(output))
        {
            return;
        }

        var values = Enumerable.Range(0, 35).Select(i => (i * 0.5f) - 3.25f).ToArray();
        var structure = ZarrInteropArrays.Structure(DataType.Float32, [5, 7], [2, 3]);
        var store = _workspace.NewStore();
        var uri = await store.CreateAsync(["matrix"], structure, default);
        await store.WriteBoxAsync(uri, structure, [0, 0], [3, 7], ZarrInteropArrays.LittleEndian(values[..21]), default);
        await store.WriteBoxAsync(uri, structure, [3, 0], [2, 7], ZarrInteropArrays.LittleEndian(values[21..]), default);

        var read = await ZarrInteropWorkspace.ReadWithPythonAsync(uri);

        read["shape"]!.ToJsonString().Should().Be("[5,7]");
        ZarrInteropArrays.Values(read).Select(v => (float)v!.GetValue<double>()).Should().Equal(values);
    }

    [Fact]
    public async Task Zarr_python_reads_big_endian_int32_as_written()
    {
        if (!await ZarrPython.IsAvailableAsync(output))
        {
            return;
        }

        var values = new[] { 1, -2, 300_000, int.MinValue, int.MaxValue, 0 };
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(i * 4), values[i]);
        }

        var uri = await _workspace.WriteAsync(new DataType('i', 4, Endianness.Big), [6], [4], bytes);

        var read = await ZarrInteropWorkspace.ReadWithPythonAsync(uri);

        read["dtype"]!.GetValue<string>().Should().Be(">i4");
        ZarrInteropArrays.Values(read).Select(v => v!.GetValue<int>()).Should().Equal(values);
    }

    [Fact]
    public async Task Zarr_python_reads_booleans()
    {
        if (!await ZarrPython.IsAvailableAsync(output))
        {
            return;
        }

        var values = Enumerable.Range(0, 9).Select(i => i % 3 == 0).ToArray();
        var uri = await _workspace.WriteAsync(DataType.Bool, [9], [4], values.Select(v => v ? (byte)1 : (byte)0).ToArray());

        var read = await ZarrInteropWorkspace.ReadWithPythonAsync(uri);

        read["dtype"]!.GetValue<string>().Should().Be("|b1");
        ZarrInteropArrays.Values(read).Select(v => v!.GetValue<bool>()).Should().Equal(values);
    }

    [Fact]
    public async Task Zarr_python_reads_complex128()
    {
        if (!await ZarrPython.IsAvailableAsync(output))
        {
            return;
        }

        var values = Enumerable.Range(0, 12).Select(i => new Complex(i, -i / 2.0)).ToArray();
        var uri = await _workspace.WriteAsync(DataType.Complex128, [4, 3], [3, 2], ZarrInteropArrays.LittleEndian(values));

        var read = await ZarrInteropWorkspace.ReadWithPythonAsync(uri);

        read["dtype"]!.GetValue<string>().Should().Be("<c16");
        ZarrInteropArrays.Values(read).Select(v => new Complex(v![0]!.GetValue<double>(), v[1]!.GetValue<double>())).Should().Equal(values);
    }

    [Fact]
    public async Task Zarr_python_reads_a_partly_written_uint8_cube_with_zeros_elsewhere()
    {
        if (!await ZarrPython.IsAvailableAsync(output))
        {
            return;
        }

        var structure = ZarrInteropArrays.Structure(DataType.UInt8, [3, 4, 5], [2, 3, 2]);
        var store = _workspace.NewStore();
        var uri = await store.CreateAsync(["cube"], structure, default);
        var box = Enumerable.Range(0, 2 * 3 * 5).Select(i => (byte)(i + 1)).ToArray();
        await store.WriteBoxAsync(uri, structure, [1, 1, 0], [2, 3, 5], box, default);

        var read = await ZarrInteropWorkspace.ReadWithPythonAsync(uri);

        var expected = new byte[60];
        for (var i = 0; i < 2; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                box.AsSpan(((i * 3) + j) * 5, 5).CopyTo(expected.AsSpan((((i + 1) * 4) + j + 1) * 5));
            }
        }

        ZarrInteropArrays.Values(read).Select(v => v!.GetValue<byte>()).Should().Equal(expected);
    }

    [Fact]
    public async Task Zarr_python_reads_a_zero_dimensional_array()
    {
        if (!await ZarrPython.IsAvailableAsync(output))
        {
            return;
        }

        var uri = await _workspace.WriteAsync(DataType.Float64, [], [], ZarrInteropArrays.LittleEndian([2.5]));

        var read = await ZarrInteropWorkspace.ReadWithPythonAsync(uri);

        read["shape"]!.ToJsonString().Should().Be("[]");
        ZarrInteropArrays.Values(read).Select(v => v!.GetValue<double>()).Should().Equal(2.5);
    }

    [Fact]
    public async Task Zarr_python_reads_a_grown_array_with_values_in_place()
    {
        if (!await ZarrPython.IsAvailableAsync(output))
        {
            return;
        }

        var store = _workspace.NewStore();
        var small = ZarrInteropArrays.Structure(DataType.Int32, [4], [3]);
        var grown = ZarrInteropArrays.Structure(DataType.Int32, [8], [3]);
        var uri = await store.CreateAsync(["grows"], small, default);
        await store.WriteBoxAsync(uri, small, [0], [4], ZarrInteropArrays.LittleEndian([1, 2, 3, 4]), default);
        await store.ResizeAsync(uri, grown, default);
        await store.WriteBoxAsync(uri, grown, [6], [2], ZarrInteropArrays.LittleEndian([7, 8]), default);

        var read = await ZarrInteropWorkspace.ReadWithPythonAsync(uri);

        ZarrInteropArrays.Values(read).Select(v => v!.GetValue<int>()).Should().Equal(1, 2, 3, 4, 0, 0, 7, 8);
    }
}
