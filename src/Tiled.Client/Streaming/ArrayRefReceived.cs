using Tiled.Formats.DataTypes;

namespace Tiled.Client.Streaming;

/// <summary>
/// The array's data source changed (registered files were replaced): <see cref="Shape"/> is the new
/// full shape and <see cref="PatchOffset"/>/<see cref="PatchShape"/> the region that changed (null =
/// everything). <see cref="DataAsync{T}"/> fetches that region from <see cref="Uri"/> over HTTP.
/// </summary>
public sealed record ArrayRefReceived(long Sequence, DateTimeOffset Timestamp, long[] Shape, long[]? PatchOffset, long[]? PatchShape,
    string Uri, DataType DataType, ArrayClient Array) : StreamUpdate(Sequence, Timestamp)
{
    public async Task<NdArray<T>> DataAsync<T>(CancellationToken ct = default) where T : unmanaged
    {
        var bytes = await Array.GetRegionAsync(Uri, ct);
        return NdArray<T>.FromBytes(bytes, DataType, PatchShape ?? Shape);
    }
}
