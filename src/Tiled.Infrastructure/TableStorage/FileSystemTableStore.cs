using System.Security.Cryptography;
using Tiled.Application.Abstractions;
using Tiled.Domain.Tables;
using Tiled.Formats.Arrow;
using Tiled.Infrastructure.ArrayStorage;

namespace Tiled.Infrastructure.TableStorage;

/// <summary>
/// <see cref="ITableStore"/> over local directories: one per table data source, holding
/// <c>partition-{i}.arrow</c> in the Arrow IPC file format (what <c>pyarrow.ipc.open_file</c> and
/// apache-arrow read). A replace writes a temporary file and renames it over the partition; an
/// append writes the stored batches and the new ones to a temporary file and renames it over the
/// original (Apache.Arrow has no in-place append), so a failed append leaves the partition exactly
/// as it was. Writers of one table
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
        var root = Path.GetFullPath(options.Root);
        Directory.CreateDirectory(root);
        var stem = StorageDirectoryStem.Of(nodePath, "table");
        while (true)
        {
            var directory = Path.Combine(root, $"{stem}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}");
            if (Directory.Exists(directory))
            {
                continue;
            }

            Directory.CreateDirectory(directory);
            var marker = Path.Combine(directory, TableDirectory.MarkerFileName);
            try
            {
                await AtomicFile.WriteAsync(marker, TableDirectory.Marker, overwrite: false, ct);
            }
            catch (IOException) when (File.Exists(marker))
            {
                // A concurrent creation drew the same name and won: draw again.
                continue;
            }

            return DataUris.FromPath(directory);
        }
    }

    /// <inheritdoc />
    public Task ReplacePartitionAsync(string dataUri, int partition, ArrowTable data, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(data);
        var directory = Open(dataUri);
        var bytes = ArrowFileWriter.WriteToMemory(data.Schema, data.Batches);
        return _tableLocks.RunAsync(directory, () =>
            AtomicFile.WriteAsync(TableDirectory.PartitionPath(directory, CheckPartition(partition)), bytes, overwrite: true, ct), ct);
    }

    /// <inheritdoc />
    public Task AppendPartitionAsync(string dataUri, int partition, ArrowTable data, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(data);
        var directory = Open(dataUri);
        var path = TableDirectory.PartitionPath(directory, CheckPartition(partition));
        return _tableLocks.RunAsync(directory, async () =>
        {
            if (!File.Exists(path))
            {
                await AtomicFile.WriteAsync(path, ArrowFileWriter.WriteToMemory(data.Schema, data.Batches), overwrite: false, ct);
                return;
            }

            await AppendToCopyAsync(path, data, ct);
        }, ct);
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

        return ArrowFileReader.Read(bytes);
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

    private static async Task AppendToCopyAsync(string path, ArrowTable data, CancellationToken ct)
    {
        var stored = ArrowFileReader.Read(await File.ReadAllBytesAsync(path, ct));
        var indices = TableSchemas.Match(stored.Schema, data.Schema, "the stored partition");
        var batches = stored.Batches.Concat(data.Batches.Select(b => b.Select(indices)));
        await AtomicFile.WriteAsync(path, ArrowFileWriter.WriteToMemory(stored.Schema, batches), overwrite: true, ct);
    }

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
}
