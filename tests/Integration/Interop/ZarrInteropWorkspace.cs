using System.Text.Json.Nodes;
using Tiled.Formats.DataTypes;
using Tiled.Infrastructure.ArrayStorage;

namespace Tiled.IntegrationTests.Interop;

/// <summary>
/// A temporary directory holding our stores and zarr-python's, with the two scripts that read and
/// create arrays on the Python side. Removed on dispose.
/// </summary>
internal sealed class ZarrInteropWorkspace : IDisposable
{
    private const string ReadScript = """
        import json, sys, zarr
        z = zarr.open(sys.argv[1], mode='r')
        flat = z[...].ravel()
        values = [[float(v.real), float(v.imag)] for v in flat] if flat.dtype.kind == 'c' else flat.tolist()
        print(json.dumps({"dtype": z.dtype.str, "shape": list(z.shape), "chunks": list(z.chunks), "values": values}))
        """;

    // Writes arange * scale + offset (all of it, or the "region" box) and prints what the array then holds.
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

    public FileSystemArrayStore NewStore() => new(new ArrayStorageOptions(Path.Combine(_root, "data")));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    /// <summary>Creates an array with our store, writes all of <paramref name="data"/> and returns its data URI.</summary>
    public async Task<string> WriteAsync(DataType dataType, long[] shape, long[] chunk, byte[] data)
    {
        var structure = ZarrInteropArrays.Structure(dataType, shape, chunk);
        var store = NewStore();
        var uri = await store.CreateAsync(["interop"], structure, default);
        await store.WriteBoxAsync(uri, structure, new long[shape.Length], shape, data, default);
        return uri;
    }

    /// <summary>zarr-python's view of the array: dtype, shape, chunks and the flat values.</summary>
    public static async Task<JsonObject> ReadWithPythonAsync(string uri) =>
        JsonNode.Parse(await ZarrPython.RunAsync(ReadScript, DataUris.ToPath(uri)))!.AsObject();

    /// <summary>Has zarr-python create and fill an array per <paramref name="spec"/>; returns its data URI and flat values.</summary>
    public async Task<(string Uri, double[] Values)> CreateWithPythonAsync(JsonObject spec)
    {
        var path = Path.Combine(_root, "python-" + Guid.NewGuid().ToString("N"));
        var written = JsonNode.Parse(await ZarrPython.RunAsync(CreateScript, path, spec.ToJsonString()))!.AsArray();
        return (DataUris.FromPath(path), written.Select(v => v!.GetValue<double>()).ToArray());
    }
}
