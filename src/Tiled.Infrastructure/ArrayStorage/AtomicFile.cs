namespace Tiled.Infrastructure.ArrayStorage;

/// <summary>
/// Writes whole files through a temporary sibling and a rename, so readers see the old content or
/// the new one, never a partial file. Temporary names start with a dot and end in <c>.partial</c>,
/// like zarr-python's, so neither store mistakes them for chunks.
/// </summary>
internal static class AtomicFile
{
    public const string TemporarySuffix = ".partial";

    private const int WriteBufferSize = 64 * 1024;

    /// <summary>
    /// Writes <paramref name="bytes"/> to <paramref name="path"/>. Without <paramref name="overwrite"/>
    /// an existing file is kept and <see cref="IOException"/> is thrown.
    /// </summary>
    public static Task WriteAsync(string path, ReadOnlyMemory<byte> bytes, bool overwrite, CancellationToken ct) =>
        WriteAsync(path, (file, token) => file.WriteAsync(bytes, token), overwrite, ct);

    /// <summary>Writes what <paramref name="write"/> writes to the (buffered) stream as the content of <paramref name="path"/>.</summary>
    public static async Task WriteAsync(string path, Func<FileStream, CancellationToken, ValueTask> write, bool overwrite, CancellationToken ct)
    {
        var directory = Path.GetDirectoryName(path) ?? throw new ArgumentException("The path has no directory.", nameof(path));
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}{TemporarySuffix}");
        var moved = false;
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, WriteBufferSize))
            {
                await write(file, ct);
            }

            File.Move(temporary, path, overwrite);
            moved = true;
        }
        finally
        {
            if (!moved)
            {
                File.Delete(temporary);
            }
        }
    }
}
