using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tiled.Application.Abstractions;
using Tiled.Application.Arrays;
using Tiled.Domain.Arrays;

namespace Tiled.Infrastructure.ArrayStorage;

/// <summary>
/// <see cref="IArrayStore"/> over Zarr v2 directory stores on the local disk, readable and writable
/// by zarr-python. New stores are uncompressed C-order with <c>"."</c>-separated chunk keys; existing
/// stores compressed with zlib or gzip are read and written in their own codec. Each chunk is
/// replaced atomically, and writes to one chunk are serialised within the process, so register
/// one instance (a singleton).
/// </summary>
public sealed class FileSystemArrayStore(ArrayStorageOptions options) : IArrayStore, IBoxFiles
{
    private const int MaxParallelChunks = 4;
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private readonly StripedLock _chunkLocks = new(64);

    /// <inheritdoc />
    public async Task<string> CreateAsync(IReadOnlyList<string> nodePath, ArrayStructure structure, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(nodePath);
        ArgumentNullException.ThrowIfNull(structure);
        var json = ZarrArrayMetadata.Create(structure.DataType, structure.Shape, ZarrArrayMetadata.DefaultChunks(structure));
        var bytes = SerializeValid(json);
        var directory = await StorageDirectories.CreateAsync(options.Root, nodePath, "array", ZarrArrayMetadata.FileName, bytes, ct);
        return DataUris.FromPath(directory);
    }

    /// <inheritdoc />
    public async Task<byte[]> ReadBoxAsync(string dataUri, ArrayStructure structure, long[] start, long[] count, CancellationToken ct)
    {
        var store = await OpenAsync(dataUri, structure, ct);
        CheckBox(structure, start, count);
        // The chunk regions tile the box, so every byte is written below.
        var box = GC.AllocateUninitializedArray<byte>(BoxByteCount(count, store.Metadata.Element.ItemSize));
        await ForEachAsync(ChunkLayout.Intersect(start, count, store.Metadata.Chunks),
            (region, token) => new ValueTask(ReadRegionAsync(store, region, box, count, token)), ct);
        return box;
    }

    /// <inheritdoc />
    public async Task<FileStream?> TryOpenBoxFileAsync(string dataUri, ArrayStructure structure, long[] start, long[] count, CancellationToken ct)
    {
        var store = await OpenAsync(dataUri, structure, ct);
        CheckBox(structure, start, count);
        var chunks = store.Metadata.Chunks;
        if (store.Metadata.CompressorId is not null || !count.AsSpan().SequenceEqual(chunks) || start.Where((s, d) => s % chunks[d] != 0).Any())
        {
            return null;
        }

        var file = store.OpenUncompressedChunk(start.Select((s, d) => s / chunks[d]).ToArray());
        return file is null ? null : new FileStream(file, FileAccess.Read, bufferSize: 0);
    }

    /// <inheritdoc />
    public async Task WriteBoxAsync(string dataUri, ArrayStructure structure, long[] start, long[] count, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        var store = await OpenAsync(dataUri, structure, ct);
        CheckBox(structure, start, count);
        var itemSize = store.Metadata.Element.ItemSize;
        if (data.Length != BoxByteCount(count, itemSize))
        {
            throw new ArgumentException(
                $"The data holds {data.Length} bytes; a box of shape [{string.Join(", ", count)}] needs {BoxByteCount(count, itemSize)}.",
                nameof(data));
        }

        // Values past the shape mean nothing, so a region that covers a chunk's in-shape part replaces it
        // without reading; the larger of the two shapes protects values written ahead of a resize.
        var extent = structure.Shape.Zip(store.Metadata.Shape, Math.Max).ToArray();
        await ForEachAsync(ChunkLayout.Intersect(start, count, store.Metadata.Chunks), (region, token) => new ValueTask(
            _chunkLocks.RunAsync(store.ChunkPath(region.ChunkIndex), () => WriteRegionAsync(store, region, data, count, extent, token), token)), ct);
    }

    /// <inheritdoc />
    public async Task ResizeAsync(string dataUri, ArrayStructure newStructure, CancellationToken ct)
    {
        var store = await OpenAsync(dataUri, newStructure, ct);
        var newShape = newStructure.Shape;
        if (newShape.Any(n => n < 0))
        {
            throw new ArgumentException("A shape cannot have negative lengths.", nameof(newStructure));
        }

        var chunks = store.Metadata.Chunks;
        if (ChunkLayout.Product(store.Metadata.Shape) == 0 && !store.EnumerateChunkIndices().Any())
        {
            // An empty array with no chunk files (none written ahead of this resize) can take the
            // chunking of its first real shape instead of the length-1 chunks of its zero-length dimensions.
            chunks = ZarrArrayMetadata.DefaultChunks(newStructure);
        }
        else if (newShape.Where((n, d) => n < store.Metadata.Shape[d]).Any())
        {
            await TrimAsync(store, newShape, ct);
        }

        var json = store.Json;
        json["shape"] = ZarrArrayMetadata.ToJson(newShape);
        json["chunks"] = ZarrArrayMetadata.ToJson(chunks);
        await AtomicFile.WriteAsync(Path.Combine(store.DirectoryPath, ZarrArrayMetadata.FileName), SerializeValid(json), overwrite: true, ct);
    }

    /// <inheritdoc />
    public Task DeleteAsync(string dataUri, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var path = DataUris.ToPath(dataUri);
        if (!Directory.Exists(path))
        {
            return Task.CompletedTask;
        }

        // A wrong data URI must never turn into deleting an arbitrary directory tree.
        if (!File.Exists(Path.Combine(path, ZarrArrayMetadata.FileName)))
        {
            throw new InvalidOperationException($"Refusing to delete '{path}': it is not a Zarr array directory.");
        }

        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Deleted concurrently: the outcome is the same.
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// After a shrink, deletes chunks wholly outside <paramref name="newShape"/> and resets the cut-off
    /// part of straddling chunks to the fill value, so that growing again shows no stale values.
    /// </summary>
    private async Task TrimAsync(ZarrDirectory store, long[] newShape, CancellationToken ct)
    {
        var chunkShape = store.Metadata.Chunks;
        var oldShape = store.Metadata.Shape;
        var itemSize = store.Metadata.Element.ItemSize;
        var origin = new long[chunkShape.Length];
        await ForEachAsync(store.EnumerateChunkIndices().ToList(), (index, token) => new ValueTask(
            _chunkLocks.RunAsync(store.ChunkPath(index), async () =>
            {
                var keep = new long[chunkShape.Length];
                var cut = false;
                for (var d = 0; d < keep.Length; d++)
                {
                    keep[d] = Math.Clamp(newShape[d] - (index[d] * chunkShape[d]), 0, chunkShape[d]);
                    cut |= keep[d] < chunkShape[d] && newShape[d] < oldShape[d];
                }

                if (keep.Any(k => k == 0))
                {
                    store.DeleteChunk(index);
                }
                else if (cut)
                {
                    using var stored = new PooledChunk(store.Metadata.ChunkByteCount);
                    if (await store.TryReadChunkAsync(index, stored.Memory, token))
                    {
                        using var chunk = store.RentFilledChunk();
                        NdCopy.Copy(stored.Span, chunkShape, origin, chunk.Span, chunkShape, origin, keep, itemSize);
                        await store.WriteChunkAsync(index, chunk.Memory, token);
                    }
                }
            }, token)), ct);
    }

    /// <summary>Copies one chunk's part of the box into <paramref name="box"/>; a chunk never written reads as the fill value.</summary>
    private static async Task ReadRegionAsync(ZarrDirectory store, ChunkRegion region, byte[] box, long[] count, CancellationToken ct)
    {
        var chunkShape = store.Metadata.Chunks;
        var itemSize = store.Metadata.Element.ItemSize;
        if (store.Metadata.CompressorId is null)
        {
            // Only the region's bytes are read, straight from the chunk file into the box.
            using var file = store.OpenUncompressedChunk(region.ChunkIndex);
            if (file is not null)
            {
                ExternalArrays.FlatFileReader.ReadBox(file, 0, chunkShape, region.ChunkOffset, box, count, region.BoxOffset, region.Count, itemSize, ct);
                return;
            }
        }
        else
        {
            using var chunk = new PooledChunk(store.Metadata.ChunkByteCount);
            if (await store.TryReadChunkAsync(region.ChunkIndex, chunk.Memory, ct))
            {
                NdCopy.Copy(chunk.Span, chunkShape, region.ChunkOffset, box, count, region.BoxOffset, region.Count, itemSize);
                return;
            }
        }

        using var fill = store.RentFilledChunk();
        NdCopy.Copy(fill.Span, chunkShape, region.ChunkOffset, box, count, region.BoxOffset, region.Count, itemSize);
    }

    /// <summary>Writes one chunk's part of the box (<paramref name="data"/>, shape <paramref name="count"/>); the caller holds the chunk's lock.</summary>
    private static async Task WriteRegionAsync(ZarrDirectory store, ChunkRegion region, ReadOnlyMemory<byte> data, long[] count, long[] extent,
        CancellationToken ct)
    {
        var chunkShape = store.Metadata.Chunks;
        var itemSize = store.Metadata.Element.ItemSize;
        if (store.Metadata.CompressorId is null && region.Count.AsSpan().SequenceEqual(chunkShape))
        {
            // The box holds the whole chunk: its runs go from the request body straight to the file.
            var runs = new BoxRuns(count, region.BoxOffset, chunkShape, region.ChunkOffset, region.Count, itemSize);
            if (runs.RunLength == store.Metadata.ChunkByteCount && runs.MoveNext(out var source, out _))
            {
                await store.WriteChunkAsync(region.ChunkIndex, data.Slice((int)source, runs.RunLength), ct);
                return;
            }

            await store.WriteChunkAsync(region.ChunkIndex, (file, token) => WriteRunsAsync(file, data, count, region, chunkShape, itemSize, token), ct);
            return;
        }

        using var chunk = new PooledChunk(store.Metadata.ChunkByteCount);
        if (ChunkLayout.CoversChunkWithinShape(region, chunkShape, extent) || !await store.TryReadChunkAsync(region.ChunkIndex, chunk.Memory, ct))
        {
            store.Fill(chunk.Span);
        }

        NdCopy.Copy(data.Span, count, region.BoxOffset, chunk.Span, chunkShape, region.ChunkOffset, region.Count, itemSize);
        await store.WriteChunkAsync(region.ChunkIndex, chunk.Memory, ct);
    }

    /// <summary>Writes the whole chunk <paramref name="region"/> of the box <paramref name="data"/> to <paramref name="file"/> in C order.</summary>
    private static async ValueTask WriteRunsAsync(FileStream file, ReadOnlyMemory<byte> data, long[] count, ChunkRegion region, long[] chunkShape,
        int itemSize, CancellationToken ct)
    {
        var runs = new BoxRuns(count, region.BoxOffset, chunkShape, region.ChunkOffset, region.Count, itemSize);
        while (runs.MoveNext(out var source, out var destination))
        {
            if (destination != file.Position)
            {
                throw new InvalidOperationException("A whole chunk's runs must come in file order.");
            }

            await file.WriteAsync(data.Slice((int)source, runs.RunLength), ct);
        }
    }

    private static async Task<ZarrDirectory> OpenAsync(string dataUri, ArrayStructure structure, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataUri);
        ArgumentNullException.ThrowIfNull(structure);
        var store = await ZarrDirectory.OpenAsync(DataUris.ToPath(dataUri), ct);
        var stored = store.Metadata.Element;
        var declared = structure.DataType;
        var orderMatters = stored.ItemSize > 1 && stored.Kind is not ('b' or 'S' or 'V');
        if (structure.Rank != store.Metadata.Rank || stored.Kind != declared.Kind || stored.ItemSize != declared.ItemSize
            || (orderMatters && stored.IsBigEndian != declared.IsBigEndian))
        {
            throw new ArgumentException(
                $"The structure ({declared.ToNumpyString()}, rank {structure.Rank}) does not match the stored array "
                + $"({store.Metadata.DType}, rank {store.Metadata.Rank}).",
                nameof(structure));
        }

        return store;
    }

    private static void CheckBox(ArrayStructure structure, long[] start, long[] count)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(count);
        if (!ChunkLayout.BoxFits(structure.Shape, start, count))
        {
            throw new ArgumentException(
                $"The box at [{string.Join(", ", start)}] of shape [{string.Join(", ", count)}] does not lie inside "
                + $"the array's shape [{string.Join(", ", structure.Shape)}].");
        }
    }

    private static int BoxByteCount(long[] count, int itemSize)
    {
        var bytes = ChunkLayout.Product(count) * itemSize;
        return bytes <= Array.MaxLength
            ? (int)bytes
            : throw new ArgumentException($"A box of {bytes} bytes is larger than one buffer can hold.", nameof(count));
    }

    private static Task ForEachAsync<T>(IEnumerable<T> items, Func<T, CancellationToken, ValueTask> body, CancellationToken ct)
    {
        // One chunk (most small writes and reads) runs inline: no hop to the thread pool.
        var firstTwo = items.Take(2).ToArray();
        return firstTwo.Length == 1
            ? body(firstTwo[0], ct).AsTask()
            : Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = MaxParallelChunks, CancellationToken = ct }, body);
    }

    /// <summary>The <c>.zarray</c> bytes, read back first as every reader will read them.</summary>
    private static byte[] SerializeValid(JsonObject json)
    {
        var bytes = Encoding.UTF8.GetBytes(json.ToJsonString(Indented));
        ZarrArrayMetadata.Parse(JsonNode.Parse(bytes)?.AsObject() ?? throw new InvalidOperationException("A .zarray did not serialise."));
        return bytes;
    }
}
