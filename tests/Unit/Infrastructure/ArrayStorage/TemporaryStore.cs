using System.Text.Json.Nodes;
using Tiled.Infrastructure.ArrayStorage;

namespace Tiled.UnitTests.Infrastructure.ArrayStorage;

/// <summary>A <see cref="FileSystemArrayStore"/> rooted in a fresh temporary directory, removed on dispose.</summary>
internal sealed class TemporaryStore : IDisposable
{
    public TemporaryStore()
    {
        TempPath = Path.Combine(Path.GetTempPath(), "tiled-array-tests-" + Guid.NewGuid().ToString("N"));
        Root = Path.Combine(TempPath, "data");
        Directory.CreateDirectory(TempPath);
        Store = new FileSystemArrayStore(new ArrayStorageOptions(Root));
    }

    public string TempPath { get; }

    /// <summary>The store's root, under <see cref="TempPath"/>.</summary>
    public string Root { get; }

    public FileSystemArrayStore Store { get; }

    public void Dispose()
    {
        if (Directory.Exists(TempPath))
        {
            Directory.Delete(TempPath, recursive: true);
        }
    }

    public static async Task<JsonObject> ReadZarrayAsync(string uri) =>
        JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(DataUris.ToPath(uri), ".zarray")))!.AsObject();

    /// <summary>A Zarr v2 store written by hand (as another writer would), returned as a data URI.</summary>
    public string ExternalStore(string compressor, string separator, string fill, string dtype, long[] shape, long[] chunks)
    {
        var directory = Path.Combine(TempPath, "external-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, ".zarray"), $$"""
            {"zarr_format": 2, "shape": [{{string.Join(",", shape)}}], "chunks": [{{string.Join(",", chunks)}}],
             "dtype": {{dtype}}, "compressor": {{compressor}}, "fill_value": {{fill}}, "order": "C",
             "filters": null, "dimension_separator": {{separator}}}
            """);
        return DataUris.FromPath(directory);
    }
}
