using System.Globalization;
using System.Text.Json.Nodes;

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

    public static async Task<ZarrDirectory> OpenAsync(string path, CancellationToken ct)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(Path.Combine(path, ZarrArrayMetadata.FileName), ct);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FileNotFoundException($"There is no Zarr array at '{path}' (no {ZarrArrayMetadata.FileName}).", e);
        }

        var json = JsonNode.Parse(bytes) as JsonObject
            ?? throw new InvalidDataException($"The {ZarrArrayMetadata.FileName} at '{path}' is not a JSON object.");
        return new ZarrDirectory(path, json, ZarrArrayMetadata.Parse(json));
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

    /// <summary>A new chunk buffer holding the fill value everywhere.</summary>
    public byte[] NewChunk()
    {
        var chunk = new byte[Metadata.ChunkByteCount];
        ZarrFillValue.Fill(chunk, Metadata.FillPattern);
        return chunk;
    }

    /// <summary>The decoded full chunk at <paramref name="index"/>, or null when it was never written.</summary>
    public async Task<byte[]?> ReadChunkAsync(long[] index, CancellationToken ct)
    {
        byte[] stored;
        try
        {
            stored = await File.ReadAllBytesAsync(ChunkPath(index), ct);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        return ChunkCodec.Decode(stored, Metadata.CompressorId, Metadata.ChunkByteCount);
    }

    /// <summary>Replaces the chunk at <paramref name="index"/> atomically with the full chunk <paramref name="chunk"/>.</summary>
    public Task WriteChunkAsync(long[] index, byte[] chunk, CancellationToken ct)
    {
        var path = ChunkPath(index);
        if (Metadata.Separator == "/" && Path.GetDirectoryName(path) is { } parent)
        {
            Directory.CreateDirectory(parent);
        }

        return AtomicFile.WriteAsync(path, ChunkCodec.Encode(chunk, Metadata.CompressorId), overwrite: true, ct);
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
