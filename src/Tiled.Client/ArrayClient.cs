using System.Text.Json.Nodes;
using Tiled.Formats.DataTypes;

namespace Tiled.Client;

/// <summary>An array node: its structure (shape, chunks, dtype), reads by slice or block, writes and patches.</summary>
public sealed class ArrayClient : NodeClient
{
    internal ArrayClient(TiledContext context, JsonObject item) : base(context, item)
    {
    }

    private JsonObject Structure => Item["attributes"]?["structure"] as JsonObject ?? [];

    public long[] Shape => ArrayStructureJson.Longs(Structure["shape"]);

    public long[][] Chunks => (Structure["chunks"] as JsonArray ?? []).Select(ArrayStructureJson.Longs).ToArray();

    public DataType DataType => DataType.FromJson(Structure["data_type"]);

    private string FullLink => Item["links"]?["full"]?.GetValue<string>() ?? $"{Context.ApiBase}/array/full/{string.Join('/', Path)}";

    private string BlockLink(long[] block) =>
        $"{Context.ApiBase}/array/block/{string.Join('/', Path)}?block={string.Join(',', block)}";

    /// <summary>Reads the whole array, or the numpy-style <paramref name="slice"/> of it (e.g. "1:4", "::2,0").</summary>
    public async Task<NdArray<T>> ReadAsync<T>(string? slice = null, CancellationToken ct = default) where T : unmanaged
    {
        var url = string.IsNullOrEmpty(slice) ? FullLink : $"{FullLink}?slice={Uri.EscapeDataString(slice)}";
        var bytes = await Context.GetBytesAsync(url, "application/octet-stream", ct);
        return NdArray<T>.FromBytes(bytes, DataType, string.IsNullOrEmpty(slice) ? Shape : SliceShape.Of(Shape, slice));
    }

    /// <summary>Reads one chunk.</summary>
    public async Task<NdArray<T>> ReadBlockAsync<T>(long[] block, CancellationToken ct = default) where T : unmanaged
    {
        var bytes = await Context.GetBytesAsync(BlockLink(block), "application/octet-stream", ct);
        var shape = block.Select((b, d) => Chunks[d][b]).ToArray();
        return NdArray<T>.FromBytes(bytes, DataType, shape);
    }

    /// <summary>Overwrites the whole array. With <paramref name="persist"/> false the data is only streamed to subscribers.</summary>
    public Task WriteAsync<T>(NdArray<T> data, bool persist = true, CancellationToken ct = default) where T : unmanaged =>
        Context.SendBytesAsync(HttpMethod.Put, persist ? FullLink : $"{FullLink}?persist=false", data.AsBytes().ToArray(), ct);

    /// <summary>Overwrites one chunk.</summary>
    public Task WriteBlockAsync<T>(NdArray<T> data, long[] block, bool persist = true, CancellationToken ct = default) where T : unmanaged =>
        Context.SendBytesAsync(HttpMethod.Put, BlockLink(block) + (persist ? "" : "&persist=false"), data.AsBytes().ToArray(), ct);

    /// <summary>
    /// Writes <paramref name="data"/> at <paramref name="offset"/>; with <paramref name="extend"/> the array grows to fit.
    /// The cached shape and chunks are updated from the server's answer.
    /// </summary>
    public async Task PatchAsync<T>(NdArray<T> data, long[] offset, bool extend = false, bool persist = true, CancellationToken ct = default)
        where T : unmanaged
    {
        var url = $"{FullLink}?offset={string.Join(',', offset)}&shape={string.Join(',', data.Shape)}&extend={Lower(extend)}"
                  + (persist ? "" : "&persist=false");
        var structure = await Context.SendBytesAsync(HttpMethod.Patch, url, data.AsBytes().ToArray(), ct);
        if (structure is JsonObject updated && Item["attributes"] is JsonObject attributes)
        {
            attributes["structure"] = updated.DeepClone();
        }
    }

    /// <summary>The node's data sources, with their ids and assets.</summary>
    public async Task<IReadOnlyList<JsonObject>> DataSourcesAsync(CancellationToken ct = default)
    {
        var document = await Context.SendJsonAsync(HttpMethod.Get, $"{SelfLink}?include_data_sources=true", null, ct);
        return (document?["data"]?["attributes"]?["data_sources"] as JsonArray ?? []).OfType<JsonObject>().ToList();
    }

    /// <summary>
    /// Replaces a registered data source (new files, new structure) and tells subscribers which
    /// region changed (<paramref name="patchOffset"/>/<paramref name="patchShape"/>); the cached
    /// structure becomes the new one.
    /// </summary>
    public async Task PutDataSourceAsync(DataSourceSpec dataSource, long[]? patchOffset = null, long[]? patchShape = null,
        CancellationToken ct = default)
    {
        var url = $"{Context.ApiBase}/data_source/{string.Join('/', Path)}"
                  + (patchOffset is null || patchShape is null ? "" : $"?patch_offset={string.Join(',', patchOffset)}&patch_shape={string.Join(',', patchShape)}");
        await Context.SendJsonAsync(HttpMethod.Put, url, new JsonObject { ["data_source"] = dataSource.ToJson() }, ct);
        if (dataSource.Structure is not null && Item["attributes"] is JsonObject attributes)
        {
            attributes["structure"] = dataSource.Structure.DeepClone();
        }
    }

    /// <summary>Fetches <paramref name="url"/> (an <c>array-ref</c> region) as raw bytes.</summary>
    internal Task<byte[]> GetRegionAsync(string url, CancellationToken ct) => Context.GetBytesAsync(url, "application/octet-stream", ct);

    /// <summary>A subscription to this array's new data (not yet started).</summary>
    public Streaming.ArraySubscription Subscribe() => new(this);

    /// <summary>Like Python's repr: <c>&lt;ArrayClient shape=(3,) chunks=((3,)) dtype=int64&gt;</c>.</summary>
    public override string ToString() =>
        $"<ArrayClient shape={Tuple(Shape)} chunks=({string.Join(", ", Chunks.Select(Tuple))}) dtype={DataType.ToNumpyName()}>";

    private static string Tuple(long[] values) => values.Length == 1 ? $"({values[0]},)" : $"({string.Join(", ", values)})";
}
