namespace Tiled.Infrastructure.ArrayStorage;

/// <summary>
/// Writes whole files through a temporary sibling and a rename, so readers see the old content or
/// the new one, never a partial file. Temporary names start with a dot and end in <c>.partial</c>,
/// like zarr-python's, so neither store mistakes them for chunks.
/// </summary>
/// <remarks>
/// An existing file is replaced by exchanging the two names and then deleting the old file (now
/// under the temporary name), not by renaming over it: ext4 starts writing the new file to disk
/// inside a rename over an existing file, which made a persisted small write three times dearer
/// and put disk waits in its latency. Readers see the same thing either way (ADR 0005).
/// </remarks>
internal static class AtomicFile
{
    public const string TemporarySuffix = ".partial";

    private const int WriteBufferSize = 64 * 1024;

    private const int SynchronousWriteLimit = 256 * 1024;

    /// <summary>
    /// Writes <paramref name="bytes"/> to <paramref name="path"/>. Without <paramref name="overwrite"/>
    /// an existing file is kept and <see cref="IOException"/> is thrown.
    /// </summary>
    public static Task WriteAsync(string path, ReadOnlyMemory<byte> bytes, bool overwrite, CancellationToken ct)
    {
        if (bytes.Length > SynchronousWriteLimit)
        {
            return WriteAsync(path, (file, token) => file.WriteAsync(bytes, token), overwrite, ct);
        }

        // Small files are written inline: an asynchronous write on Linux is a blocking write on
        // another thread-pool thread, which costs more than the write itself.
        ct.ThrowIfCancellationRequested();
        var temporary = TemporaryPathFor(path);
        try
        {
            using (var handle = File.OpenHandle(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                RandomAccess.Write(handle, bytes.Span, 0);
            }

            Replace(temporary, path, overwrite);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        return Task.CompletedTask;
    }

    /// <summary>Writes what <paramref name="write"/> writes to the (buffered) stream as the content of <paramref name="path"/>.</summary>
    public static async Task WriteAsync(string path, Func<FileStream, CancellationToken, ValueTask> write, bool overwrite, CancellationToken ct)
    {
        var temporary = TemporaryPathFor(path);
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, WriteBufferSize))
            {
                await write(file, ct);
            }

            Replace(temporary, path, overwrite);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Gives <paramref name="path"/> the content of the finished file <paramref name="temporary"/>, atomically.</summary>
    public static void Replace(string temporary, string path, bool overwrite)
    {
        if (overwrite && NameExchange.TrySwap(temporary, path))
        {
            File.Delete(temporary);
            return;
        }

        File.Move(temporary, path, overwrite);
    }

    /// <summary>
    /// Gives <paramref name="path"/> the content of <paramref name="temporary"/>, atomically, and keeps
    /// its previous content under a hidden temporary name, which is returned (null: there was none).
    /// </summary>
    public static string? ReplaceKeepingPrevious(string temporary, string path)
    {
        if (!File.Exists(path))
        {
            File.Move(temporary, path, overwrite: false);
            return null;
        }

        if (NameExchange.TrySwap(temporary, path))
        {
            return temporary;
        }

        var previous = TemporaryPathFor(path);
        File.Replace(temporary, path, previous);
        return previous;
    }

    /// <summary>A fresh temporary sibling of <paramref name="path"/> (a dot file ending in <see cref="TemporarySuffix"/>).</summary>
    public static string TemporaryPathFor(string path)
    {
        var directory = Path.GetDirectoryName(path) ?? throw new ArgumentException("The path has no directory.", nameof(path));
        return Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}{TemporarySuffix}");
    }
}
