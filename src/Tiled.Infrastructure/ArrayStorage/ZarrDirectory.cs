using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Win32.SafeHandles;

namespace Tiled.Infrastructure.ArrayStorage;

/// <summary>
/// One opened Zarr v2 directory store: its <c>.zarray</c> and its chunk files, named by grid index
/// (<c>i.j.k</c>, <c>0</c> for a 0-d array, or <c>i/j/k</c> with the nested separator). Chunks are
/// replaced atomically; a missing chunk reads as null (the caller fills it).
/// </summary>
internal sealed class ZarrDirectory
{
    private ZarrDirectory(string path, JsonObject json, ZarrArrayMetadata metadata)
    {
        DirectoryPath = path;
        Json = json;
        Metadata = metadata;
    }

    public string DirectoryPath { get; }

    /// <summary>The <c>.zarray</c> as read, to rewrite with unknown keys kept.</summary>
    public JsonObject Json { get; }

    public ZarrArrayMetadata Metadata { get; }

    public static Task<ZarrDirectory> OpenAsync(string path, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        byte[] bytes;
        try
        {
            // A few hundred bytes, read on every request: inline, not a hop to another pool thread.
            bytes = File.ReadAllBytes(Path.Combine(path, ZarrArrayMetadata.FileName));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FileNotFoundException($"There is no Zarr array at '{path}' (no {ZarrArrayMetadata.FileName}).", e);
        }

        var json = JsonNode.Parse(bytes) as JsonObject
            ?? throw new InvalidDataException($"The {ZarrArrayMetadata.FileName} at '{path}' is not a JSON object.");
        return Task.FromResult(new ZarrDirectory(path, json, ZarrArrayMetadata.Parse(json)));
    }

    public string ChunkPath(long[] index)
    {
        if (index.Length == 0)
        {
            return Path.Combine(DirectoryPath, "0");
        }

        var parts = index.Select(i => i.ToString(CultureInfo.InvariantCulture));
        return Metadata.Separator == "/"
            ? Path.Combine([DirectoryPath, .. parts])
            : Path.Combine(DirectoryPath, string.Join('.', parts));
    }

    /// <summary>A chunk buffer (<see cref="ZarrArrayMetadata.ChunkByteCount"/> bytes) holding the fill value everywhere.</summary>
    public PooledChunk RentFilledChunk()
    {
        var chunk = new PooledChunk(Metadata.ChunkByteCount);
        Fill(chunk.Span);
        return chunk;
    }

    /// <summary>Writes the fill value over all of <paramref name="buffer"/>.</summary>
    public void Fill(Span<byte> buffer)
    {
        if (Metadata.FillPattern is null)
        {
            buffer.Clear();
        }

        ZarrFillValue.Fill(buffer, Metadata.FillPattern);
    }

    /// <summary>The decoded full chunk at <paramref name="index"/>, or null when it was never written.</summary>
    public async Task<byte[]?> ReadChunkAsync(long[] index, CancellationToken ct)
    {
        var chunk = GC.AllocateUninitializedArray<byte>(Metadata.ChunkByteCount);
        return await TryReadChunkAsync(index, chunk, ct) ? chunk : null;
    }

    /// <summary>
    /// Decodes the chunk at <paramref name="index"/> into <paramref name="chunk"/>; false (and
    /// <paramref name="chunk"/> untouched) when it was never written.
    /// </summary>
    public async Task<bool> TryReadChunkAsync(long[] index, Memory<byte> chunk, CancellationToken ct)
    {
        if (Metadata.CompressorId is null)
        {
            using var file = OpenUncompressedChunk(index);
            if (file is null)
            {
                return false;
            }

            ExternalArrays.FileWindow.ReadExactly(file, 0, chunk.Span);
            return true;
        }

        byte[] stored;
        try
        {
            stored = await File.ReadAllBytesAsync(ChunkPath(index), ct);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }

        ChunkCodec.Decode(stored, Metadata.CompressorId, chunk.Span);
        return true;
    }

    /// <summary>
    /// Opens the chunk file at <paramref name="index"/> of an uncompressed store, checked to hold
    /// exactly one chunk; null when it was never written.
    /// </summary>
    public SafeFileHandle? OpenUncompressedChunk(long[] index)
    {
        if (Metadata.CompressorId is not null)
        {
            throw new InvalidOperationException("The chunks of a compressed store must be decoded.");
        }

        SafeFileHandle file;
        try
        {
            file = File.OpenHandle(ChunkPath(index));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        var length = RandomAccess.GetLength(file);
        if (length != Metadata.ChunkByteCount)
        {
            file.Dispose();
            throw new InvalidDataException($"A Zarr chunk holds {length} bytes; {Metadata.ChunkByteCount} were expected.");
        }

        return file;
    }

    /// <summary>Replaces the chunk at <paramref name="index"/> atomically with the full chunk <paramref name="chunk"/>.</summary>
    public Task WriteChunkAsync(long[] index, ReadOnlyMemory<byte> chunk, CancellationToken ct)
    {
        var stored = Metadata.CompressorId is null ? chunk : ChunkCodec.Compress(chunk.Span, Metadata.CompressorId);
        return AtomicFile.WriteAsync(WritablePath(index), stored, overwrite: true, ct);
    }

    /// <summary>
    /// Replaces the chunk at <paramref name="index"/> of an uncompressed store atomically with the
    /// bytes <paramref name="write"/> writes (exactly one chunk's worth, in C order).
    /// </summary>
    public Task WriteChunkAsync(long[] index, Func<FileStream, CancellationToken, ValueTask> write, CancellationToken ct) =>
        AtomicFile.WriteAsync(WritablePath(index), write, overwrite: true, ct);

    /// <summary>The chunk's path, with its parent directories made for the nested separator.</summary>
    private string WritablePath(long[] index)
    {
        var path = ChunkPath(index);
        if (Metadata.Separator == "/" && Path.GetDirectoryName(path) is { } parent)
        {
            Directory.CreateDirectory(parent);
        }

        return path;
    }

    public void DeleteChunk(long[] index) => File.Delete(ChunkPath(index));

    /// <summary>Grid indices of the chunk files present (dot files and other names are skipped).</summary>
    public IEnumerable<long[]> EnumerateChunkIndices()
    {
        var nested = Metadata.Separator == "/";
        var options = new EnumerationOptions { RecurseSubdirectories = nested, IgnoreInaccessible = true };
        foreach (var file in Directory.EnumerateFiles(DirectoryPath, "*", options))
        {
            var key = Path.GetRelativePath(DirectoryPath, file);
            var parts = nested ? key.Split(Path.DirectorySeparatorChar) : key.Split('.');
            if (TryParseKey(parts, out var index))
            {
                yield return index;
            }
        }
    }

    private bool TryParseKey(string[] parts, out long[] index)
    {
        index = new long[Metadata.Rank];
        if (Metadata.Rank == 0)
        {
            return parts is ["0"];
        }

        if (parts.Length != Metadata.Rank)
        {
            return false;
        }

        for (var d = 0; d < parts.Length; d++)
        {
            if (parts[d].Length == 0 || !parts[d].All(char.IsAsciiDigit)
                || !long.TryParse(parts[d], NumberStyles.None, CultureInfo.InvariantCulture, out index[d])
                || index[d] > long.MaxValue / Metadata.Chunks[d])
            {
                return false;
            }
        }

        return true;
    }
}
