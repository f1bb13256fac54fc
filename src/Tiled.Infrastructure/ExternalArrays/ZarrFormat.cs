using Tiled.Application.Abstractions;
using Tiled.Domain.Arrays;
using Tiled.Domain.DataSources;
using Tiled.Infrastructure.ArrayStorage;

namespace Tiled.Infrastructure.ExternalArrays;

/// <summary>
/// <c>application/x-zarr</c>: a Zarr v2 array directory (C order; no compressor, zlib or gzip), read
/// through the same internals as <see cref="FileSystemArrayStore"/>. Every chunk file is confined to
/// the allowed roots too, so a chunk linked to a file outside them is refused.
/// </summary>
internal sealed class ZarrFormat(ExternalPathPolicy policy) : IExternalFormat
{
    private const int MaxParallelChunks = 4;

    public async Task<ArrayStructure> InspectAsync(DataSource source, CancellationToken ct)
    {
        var store = await OpenAsync(source, ct);
        var metadata = store.Metadata;
        return ArrayStructure.Create(NumpyDType.Parse(metadata.DType), metadata.Shape,
            ChunkGrid.Regular(metadata.Shape, metadata.Chunks), dims: null);
    }

    public async Task<byte[]> ReadBoxAsync(DataSource source, ArrayStructure structure, long[] start, long[] count, CancellationToken ct)
    {
        var store = await OpenAsync(source, ct);
        var metadata = store.Metadata;
        var stored = NumpyDType.Parse(metadata.DType);
        var what = $"The Zarr array '{store.DirectoryPath}'";
        var swap = ElementOrder.NeedsSwap(stored, structure.DataType, what);
        ExternalBox.RequireShape(metadata.Shape, structure, what);
        var box = ExternalBox.Allocate(structure, start, count);
        ZarrFillValue.Fill(box, metadata.FillPattern);
        var options = new ParallelOptions { MaxDegreeOfParallelism = MaxParallelChunks, CancellationToken = ct };
        await Parallel.ForEachAsync(ChunkLayout.Intersect(start, count, metadata.Chunks), options, async (region, token) =>
        {
            policy.Confine(store.ChunkPath(region.ChunkIndex));
            var chunk = await store.ReadChunkAsync(region.ChunkIndex, token);
            if (chunk is not null)
            {
                NdCopy.Copy(chunk, metadata.Chunks, region.ChunkOffset, box, count, region.BoxOffset, region.Count, stored.ItemSize);
            }
        });

        if (swap)
        {
            ElementOrder.Swap(box, stored);
        }

        return box;
    }

    private async Task<ZarrDirectory> OpenAsync(DataSource source, CancellationToken ct)
    {
        var directory = policy.Resolve(ExternalAssets.Single(source).DataUri);
        if (!Directory.Exists(directory))
        {
            throw ExternalDataException.Invalid($"'{directory}' is not a directory; a Zarr array is a directory holding a .zarray.");
        }

        policy.Confine(Path.Combine(directory, ZarrArrayMetadata.FileName));
        return await ZarrDirectory.OpenAsync(directory, ct);
    }
}
