using Tiled.Application.Abstractions;
using Tiled.Domain.Tables;
using Tiled.Formats.Arrow;
using Tiled.Infrastructure.ArrayStorage;

namespace Tiled.Infrastructure.TableStorage;

/// <summary>
/// <see cref="ITableStore"/> over local directories: one per table data source, holding
/// <c>partition-{i}.arrow</c> in the Arrow IPC stream format (what <c>pyarrow.ipc.open_stream</c> and
/// apache-arrow read; partitions stored in the file format by earlier releases are read, and
/// rewritten as streams on their next append). A replace writes a temporary file and renames it
/// over the partition; an append copies the partition to a temporary file, writes the new batches
/// over its end-of-stream marker (earlier batches stay byte for byte) and renames the copy over the
/// original, so a failed append leaves the partition exactly as it was. The previous content is kept
/// under the temporary name until the write is kept or undone (<see cref="IPartitionWrite"/>). Writers of one table
/// are serialised within the process, so register one instance (a singleton).
/// </summary>
public sealed class FileSystemTableStore(TableStorageOptions options) : ITableStore
{
    private readonly StripedLock _tableLocks = new(64);

    /// <inheritdoc />
    public async Task<string> CreateAsync(IReadOnlyList<string> nodePath, TableStructure structure, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(nodePath);
        ArgumentNullException.ThrowIfNull(structure);
        var directory = await StorageDirectories.CreateAsync(options.Root, nodePath, "table", TableDirectory.MarkerFileName, TableDirectory.Marker, ct);
        return DataUris.FromPath(directory);
    }

    /// <inheritdoc />
    public Task<IPartitionWrite> ReplacePartitionAsync(string dataUri, int partition, ArrowTable data, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(data);
        var directory = Open(dataUri);
        var path = TableDirectory.PartitionPath(directory, CheckPartition(partition));
        var bytes = ArrowStreamWriter.WriteToMemory(data.Schema, data.Batches);
        return _tableLocks.RunAsync(directory, () => WriteKeepingPreviousAsync(path, temporary => File.WriteAllBytesAsync(temporary, bytes, ct)), ct);
    }

    /// <inheritdoc />
    public Task<IPartitionWrite> AppendPartitionAsync(string dataUri, int partition, ArrowTable data, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(data);
        var directory = Open(dataUri);
        var path = TableDirectory.PartitionPath(directory, CheckPartition(partition));
        return _tableLocks.RunAsync(directory, () => WriteKeepingPreviousAsync(path, temporary => File.Exists(path)
            ? AppendToCopyAsync(path, temporary, data, ct)
            : File.WriteAllBytesAsync(temporary, ArrowStreamWriter.WriteToMemory(data.Schema, data.Batches), ct)), ct);
    }

    /// <inheritdoc />
    public async Task<ArrowTable> ReadPartitionAsync(string dataUri, int partition, TableStructure structure, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(structure);
        var path = TableDirectory.PartitionPath(Open(dataUri), CheckPartition(partition));
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, ct);
        }
        catch (FileNotFoundException)
        {
            return new ArrowTable(structure.Schema, []);
        }

        return IsFileFormat(bytes) ? ArrowFileReader.Read(bytes) : ArrowStreamReader.Read(bytes);
    }

    /// <inheritdoc />
    public Task DeleteAsync(string dataUri, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var directory = DataUris.ToPath(dataUri);
        if (!Directory.Exists(directory))
        {
            return Task.CompletedTask;
        }

        // A wrong data URI must never turn into deleting an arbitrary directory tree.
        if (!TableDirectory.IsTable(directory))
        {
            throw new InvalidOperationException($"Refusing to delete '{directory}': it is not a table directory.");
        }

        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Deleted concurrently: the outcome is the same.
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Writes the partition's new content to a temporary sibling with <paramref name="write"/> and
    /// renames it into place, keeping the previous content until the write is kept or undone.
    /// </summary>
    private static async Task<IPartitionWrite> WriteKeepingPreviousAsync(string path, Func<string, Task> write)
    {
        var temporary = AtomicFile.TemporaryPathFor(path);
        try
        {
            await write(temporary);
            return new PartitionWrite(path, AtomicFile.ReplaceKeepingPrevious(temporary, path));
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private static async Task AppendToCopyAsync(string path, string temporary, ArrowTable data, CancellationToken ct)
    {
        File.Copy(path, temporary);
        var file = new FileStream(temporary, FileMode.Open, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, useAsync: true);
        await using (file)
        {
            if (await StartsWithFileMagicAsync(file, ct))
            {
                await RewriteAsStreamAsync(file, data, ct);
            }
            else
            {
                var stored = await ArrowStreamAppend.ReadSchemaAsync(file, ct);
                var indices = TableSchemas.Match(stored, data.Schema, "the stored partition");
                var end = await ArrowStreamAppend.MarkerPositionAsync(file, ct);
                var continuation = ArrowStreamAppend.Continuation(stored, data.Batches.Select(b => b.Select(indices)));
                file.Seek(end, SeekOrigin.Begin);
                await file.WriteAsync(continuation, ct);
                file.SetLength(end + continuation.Length);
            }

            file.Flush(flushToDisk: true);
        }
    }

    /// <summary>A partition in the file format of earlier releases becomes a stream of its batches and the new ones.</summary>
    private static async Task RewriteAsStreamAsync(FileStream file, ArrowTable data, CancellationToken ct)
    {
        var bytes = new byte[file.Length];
        file.Seek(0, SeekOrigin.Begin);
        await file.ReadExactlyAsync(bytes, ct);
        var stored = ArrowFileReader.Read(bytes);
        var indices = TableSchemas.Match(stored.Schema, data.Schema, "the stored partition");
        var stream = ArrowStreamWriter.WriteToMemory(stored.Schema, stored.Batches.Concat(data.Batches.Select(b => b.Select(indices))));
        file.Seek(0, SeekOrigin.Begin);
        await file.WriteAsync(stream, ct);
        file.SetLength(stream.Length);
    }

    private static async Task<bool> StartsWithFileMagicAsync(FileStream file, CancellationToken ct)
    {
        var head = new byte[6];
        file.Seek(0, SeekOrigin.Begin);
        return await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct) == head.Length && IsFileFormat(head);
    }

    private static bool IsFileFormat(ReadOnlySpan<byte> bytes) => bytes.StartsWith("ARROW1"u8);

    private string Open(string dataUri)
    {
        ArgumentNullException.ThrowIfNull(dataUri);
        var directory = DataUris.ToPath(dataUri);
        return TableDirectory.IsTable(directory)
            ? directory
            : throw new DirectoryNotFoundException($"'{directory}' is not a table directory.");
    }

    private static int CheckPartition(int partition) =>
        partition >= 0 ? partition : throw new ArgumentOutOfRangeException(nameof(partition), partition, "A partition index cannot be negative.");

    /// <summary>A stored write and the partition's previous content (null: the partition did not exist).</summary>
    private sealed class PartitionWrite(string path, string? previous) : IPartitionWrite
    {
        public void Keep()
        {
            if (previous is not null)
            {
                File.Delete(previous);
            }
        }

        public void Undo()
        {
            if (previous is null)
            {
                File.Delete(path);
            }
            else
            {
                File.Move(previous, path, overwrite: true);
            }
        }
    }
}
