using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.Domain.Arrays;
using Tiled.Formats.DataTypes;
using Tiled.Infrastructure.ArrayStorage;
using Xunit;
using Xunit.Abstractions;

namespace Tiled.IntegrationTests.Interop;

/// <summary>
/// What <see cref="FileSystemArrayStore"/> writes, zarr-python reads, and the other way round.
/// </summary>
public sealed class ZarrInteropTests(ITestOutputHelper output) : IDisposable
{
    private const string ReadScript = """
        import json, sys, zarr
        z = zarr.open(sys.argv[1], mode='r')
        flat = z[...].ravel()
        values = [[float(v.real), float(v.imag)] for v in flat] if flat.dtype.kind == 'c' else flat.tolist()
        print(json.dumps({"dtype": z.dtype.str, "shape": list(z.shape), "chunks": list(z.chunks), "values": values}))
        """;

    private const string CreateScript = """
        import json, sys, zarr, numcodecs, numpy as np
        path, spec = sys.argv[1], json.loads(sys.argv[2])
        compressor = {"zlib": numcodecs.Zlib(level=5), "gzip": numcodecs.GZip(level=5), None: None}[spec.get("compressor")]
        extra = {"dimension_separator": spec["separator"]} if "separator" in spec else {}
        z = zarr.open(path, mode='w', shape=spec["shape"], chunks=spec["chunks"], dtype=spec["dtype"],
                      compressor=compressor, fill_value=spec.get("fill", 0), **extra)
        values = (np.arange(int(np.prod(spec["shape"]))) * spec.get("scale", 1) + spec.get("offset", 0))
        values = values.astype(spec["dtype"]).reshape(spec["shape"])
        box = tuple(slice(a, b) for a, b in spec["region"]) if "region" in spec else Ellipsis
        z[box] = values[box]
        print(json.dumps(z[...].ravel().tolist()))
        """;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "tiled-zarr-interop-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Zarr_python_reads_an_int64_array_of_two_chunks()
    {
        if (!await ZarrPython.IsAvailableAsync(output))
        {
            return;
        }

        var values = Enumerable.Range(0, 10).Select(i => (i * 1000L) - 3).ToArray();
        var uri = await WriteAsync(DataType.Int64, [10], [5], LittleEndian(values));

        var read = await ReadWithPythonAsync(uri);

        read["dtype"]!.GetValue<string>().Should().Be("<i8");
        read["chunks"]!.ToJsonString().Should().Be("[5]");
        Values(read).Select(v => v!.GetValue<long>()).Should().Equal(values);
    }

    [Fact]
    public async Task Zarr_python_reads_a_float32_matrix_with_ragged_edge_chunks_written_in_two_boxes()
    {
        if (!await ZarrPython.IsAvailableAsync(output))
        {
            return;
        }

        var values = Enumerable.Range(0, 35).Select(i => (i * 0.5f) - 3.25f).ToArray();
        var structure = Structure(DataType.Float32, [5, 7], [2, 3]);
        var store = NewStore();
        var uri = await store.CreateAsync(["matrix"], structure, default);
        await store.WriteBoxAsync(uri, structure, [0, 0], [3, 7], LittleEndian(values[..21]), default);
        await store.WriteBoxAsync(uri, structure, [3, 0], [2, 7], LittleEndian(values[21..]), default);

        var read = await ReadWithPythonAsync(uri);

        read["shape"]!.ToJsonString().Should().Be("[5,7]");
        Values(read).Select(v => (float)v!.GetValue<double>()).Should().Equal(values);
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

        var uri = await WriteAsync(new DataType('i', 4, Endianness.Big), [6], [4], bytes);

        var read = await ReadWithPythonAsync(uri);

        read["dtype"]!.GetValue<string>().Should().Be(">i4");
        Values(read).Select(v => v!.GetValue<int>()).Should().Equal(values);
    }

    [Fact]
    public async Task Zarr_python_reads_booleans()
    {
        if (!await ZarrPython.IsAvailableAsync(output))
        {
            return;
        }

        var values = Enumerable.Range(0, 9).Select(i => i % 3 == 0).ToArray();
        var uri = await WriteAsync(DataType.Bool, [9], [4], values.Select(v => v ? (byte)1 : (byte)0).ToArray());

        var read = await ReadWithPythonAsync(uri);

        read["dtype"]!.GetValue<string>().Should().Be("|b1");
        Values(read).Select(v => v!.GetValue<bool>()).Should().Equal(values);
    }

    [Fact]
    public async Task Zarr_python_reads_complex128()
    {
        if (!await ZarrPython.IsAvailableAsync(output))
        {
            return;
        }

        var values = Enumerable.Range(0, 12).Select(i => new Complex(i, -i / 2.0)).ToArray();
        var uri = await WriteAsync(DataType.Complex128, [4, 3], [3, 2], LittleEndian(values));

        var read = await ReadWithPythonAsync(uri);

        read["dtype"]!.GetValue<string>().Should().Be("<c16");
        Values(read).Select(v => new Complex(v![0]!.GetValue<double>(), v[1]!.GetValue<double>())).Should().Equal(values);
    }

    [Fact]
    public async Task Zarr_python_reads_a_partly_written_uint8_cube_with_zeros_elsewhere()
    {
        if (!await ZarrPython.IsAvailableAsync(output))
        {
            return;
        }

        var structure = Structure(DataType.UInt8, [3, 4, 5], [2, 3, 2]);
        var store = NewStore();
        var uri = await store.CreateAsync(["cube"], structure, default);
        var box = Enumerable.Range(0, 2 * 3 * 5).Select(i => (byte)(i + 1)).ToArray();
        await store.WriteBoxAsync(uri, structure, [1, 1, 0], [2, 3, 5], box, default);

        var read = await ReadWithPythonAsync(uri);

        var expected = new byte[60];
        for (var i = 0; i < 2; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                box.AsSpan(((i * 3) + j) * 5, 5).CopyTo(expected.AsSpan((((i + 1) * 4) + j + 1) * 5));
            }
        }

        Values(read).Select(v => v!.GetValue<byte>()).Should().Equal(expected);
    }

    [Fact]
    public async Task Zarr_python_reads_a_zero_dimensional_array()
    {
        if (!await ZarrPython.IsAvailableAsync(output))
        {
            return;
        }

        var uri = await WriteAsync(DataType.Float64, [], [], LittleEndian([2.5]));

        var read = await ReadWithPythonAsync(uri);

        read["shape"]!.ToJsonString().Should().Be("[]");
        Values(read).Select(v => v!.GetValue<double>()).Should().Equal(2.5);
    }

    [Fact]
    public async Task Zarr_python_reads_a_grown_array_with_values_in_place()
    {
        if (!await ZarrPython.IsAvailableAsync(output))
        {
            return;
        }

        var store = NewStore();
        var small = Structure(DataType.Int32, [4], [3]);
        var grown = Structure(DataType.Int32, [8], [3]);
        var uri = await store.CreateAsync(["grows"], small, default);
        await store.WriteBoxAsync(uri, small, [0], [4], LittleEndian([1, 2, 3, 4]), default);
        await store.ResizeAsync(uri, grown, default);
        await store.WriteBoxAsync(uri, grown, [6], [2], LittleEndian([7, 8]), default);

        var read = await ReadWithPythonAsync(uri);

        Values(read).Select(v => v!.GetValue<int>()).Should().Equal(1, 2, 3, 4, 0, 0, 7, 8);
    }

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

        var spec = Spec(dtype, shape, chunks);
        spec["compressor"] = compressor;
        spec["scale"] = 3.25;
        spec["offset"] = -50;
        var (uri, expected) = await CreateWithPythonAsync(spec);
        var structure = Structure(DataTypeOf(dtype), shape, chunks);

        var bytes = await NewStore().ReadBoxAsync(uri, structure, new long[shape.Length], shape, default);

        Decode(bytes, dtype).Should().Equal(expected);
    }

    [Fact]
    public async Task We_read_a_sub_box_of_a_zlib_array_that_zarr_python_wrote()
    {
        if (!await ZarrPython.IsAvailableAsync(output))
        {
            return;
        }

        var spec = Spec("<i4", [7, 5], [3, 2]);
        spec["compressor"] = "zlib";
        var (uri, all) = await CreateWithPythonAsync(spec);

        var bytes = await NewStore().ReadBoxAsync(uri, Structure(DataType.Int32, [7, 5], [3, 2]), [2, 1], [4, 3], default);

        var expected = Enumerable.Range(2, 4).SelectMany(i => Enumerable.Range(1, 3).Select(j => all[(i * 5) + j]));
        Decode(bytes, "<i4").Should().Equal(expected);
    }

    [Fact]
    public async Task Missing_chunks_of_a_zarr_python_array_read_as_its_fill_value()
    {
        if (!await ZarrPython.IsAvailableAsync(output))
        {
            return;
        }

        var spec = Spec("<i2", [10], [3]);
        spec["fill"] = -1;
        spec["region"] = JsonNode.Parse("[[4, 6]]");
        var (uri, expected) = await CreateWithPythonAsync(spec);

        var bytes = await NewStore().ReadBoxAsync(uri, Structure(DataType.Int16, [10], [3]), [0], [10], default);

        Decode(bytes, "<i2").Should().Equal(expected);
        expected.Should().Contain(-1);
    }

    [Fact]
    public async Task We_read_zarr_python_arrays_with_nested_chunk_keys()
    {
        if (!await ZarrPython.IsAvailableAsync(output))
        {
            return;
        }

        var spec = Spec("<u2", [5, 4], [2, 3]);
        spec["separator"] = "/";
        var (uri, expected) = await CreateWithPythonAsync(spec);

        var bytes = await NewStore().ReadBoxAsync(uri, Structure(DataType.UInt16, [5, 4], [2, 3]), [0, 0], [5, 4], default);

        Decode(bytes, "<u2").Should().Equal(expected);
    }

    [Fact]
    public async Task Zarr_python_reads_our_writes_into_its_zlib_array()
    {
        if (!await ZarrPython.IsAvailableAsync(output))
        {
            return;
        }

        var spec = Spec("<i4", [6], [4]);
        spec["compressor"] = "zlib";
        var (uri, _) = await CreateWithPythonAsync(spec);

        await NewStore().WriteBoxAsync(uri, Structure(DataType.Int32, [6], [4]), [3], [2], LittleEndian([-7, -8]), default);

        Values(await ReadWithPythonAsync(uri)).Select(v => v!.GetValue<int>()).Should().Equal(0, 1, 2, -7, -8, 5);
    }

    [Fact]
    public async Task We_read_what_zarr_python_wrote_into_our_array()
    {
        if (!await ZarrPython.IsAvailableAsync(output))
        {
            return;
        }

        var structure = Structure(DataType.Int64, [4, 6], [3, 4]);
        var store = NewStore();
        var uri = await store.CreateAsync(["shared"], structure, default);

        await ZarrPython.RunAsync("import sys, zarr\nzarr.open(sys.argv[1], mode='r+')[1:3, 2:5] = 7", DataUris.ToPath(uri));

        var values = Decode(await store.ReadBoxAsync(uri, structure, [0, 0], [4, 6], default), "<i8");
        var expected = Enumerable.Range(0, 24).Select(k => k / 6 is >= 1 and < 3 && k % 6 is >= 2 and < 5 ? 7.0 : 0.0);
        values.Should().Equal(expected);
    }

    private static ArrayStructure Structure(DataType dataType, long[] shape, long[] chunk) =>
        new(dataType, shape, shape.Select((n, d) => RegularChunks(n, chunk[d])).ToArray());

    private static long[] RegularChunks(long length, long chunk)
    {
        var chunks = new List<long>();
        for (var at = 0L; at < length; at += chunk)
        {
            chunks.Add(Math.Min(chunk, length - at));
        }

        return chunks.Count == 0 ? [0] : [.. chunks];
    }

    private static DataType DataTypeOf(string numpy)
    {
        var size = int.Parse(numpy[2..], CultureInfo.InvariantCulture);
        var order = size == 1 ? Endianness.NotApplicable : numpy[0] == '>' ? Endianness.Big : Endianness.Little;
        return new DataType(numpy[1], size, order);
    }

    private static JsonObject Spec(string dtype, long[] shape, long[] chunks) => new()
    {
        ["dtype"] = dtype,
        ["shape"] = new JsonArray(shape.Select(n => (JsonNode?)n).ToArray()),
        ["chunks"] = new JsonArray(chunks.Select(n => (JsonNode?)n).ToArray()),
    };

    private static byte[] LittleEndian<T>(T[] values)
        where T : struct => System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    private static double[] Decode(byte[] bytes, string dtype)
    {
        var itemSize = int.Parse(dtype[2..], CultureInfo.InvariantCulture);
        return Enumerable.Range(0, bytes.Length / itemSize).Select(i =>
        {
            var item = bytes.AsSpan(i * itemSize, itemSize);
            var big = dtype[0] == '>';
            return dtype[1..] switch
            {
                "i2" => big ? BinaryPrimitives.ReadInt16BigEndian(item) : BinaryPrimitives.ReadInt16LittleEndian(item),
                "u2" => big ? BinaryPrimitives.ReadUInt16BigEndian(item) : BinaryPrimitives.ReadUInt16LittleEndian(item),
                "i4" => big ? BinaryPrimitives.ReadInt32BigEndian(item) : BinaryPrimitives.ReadInt32LittleEndian(item),
                "i8" => big ? BinaryPrimitives.ReadInt64BigEndian(item) : BinaryPrimitives.ReadInt64LittleEndian(item),
                "f8" => big ? BinaryPrimitives.ReadDoubleBigEndian(item) : BinaryPrimitives.ReadDoubleLittleEndian(item),
                _ => throw new NotSupportedException(dtype),
            };
        }).ToArray();
    }

    private static JsonArray Values(JsonObject read) => read["values"]!.AsArray();

    private FileSystemArrayStore NewStore() => new(new ArrayStorageOptions(Path.Combine(_root, "data")));

    private async Task<string> WriteAsync(DataType dataType, long[] shape, long[] chunk, byte[] data)
    {
        var structure = Structure(dataType, shape, chunk);
        var store = NewStore();
        var uri = await store.CreateAsync(["interop"], structure, default);
        await store.WriteBoxAsync(uri, structure, new long[shape.Length], shape, data, default);
        return uri;
    }

    private static async Task<JsonObject> ReadWithPythonAsync(string uri) =>
        JsonNode.Parse(await ZarrPython.RunAsync(ReadScript, DataUris.ToPath(uri)))!.AsObject();

    private async Task<(string Uri, double[] Values)> CreateWithPythonAsync(JsonObject spec)
    {
        var path = Path.Combine(_root, "python-" + Guid.NewGuid().ToString("N"));
        var written = JsonNode.Parse(await ZarrPython.RunAsync(CreateScript, path, spec.ToJsonString()))!.AsArray();
        return (DataUris.FromPath(path), written.Select(v => v!.GetValue<double>()).ToArray());
    }
}
