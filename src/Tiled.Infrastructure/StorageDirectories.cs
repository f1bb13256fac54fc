using System.Security.Cryptography;
using Tiled.Infrastructure.ArrayStorage;

namespace Tiled.Infrastructure;

/// <summary>Makes the storage directory of a new array or table: whole (with its marker file) or not at all.</summary>
internal static class StorageDirectories
{
    /// <summary>
    /// A new directory under <paramref name="root"/> named after <paramref name="nodePath"/> and a random
    /// suffix, holding <paramref name="marker"/> as <paramref name="markerName"/>. If writing the marker fails
    /// (a full disk, cancellation) the directory is removed again: a failed create leaves nothing behind.
    /// </summary>
    public static async Task<string> CreateAsync(string root, IReadOnlyList<string> nodePath, string fallback, string markerName,
        ReadOnlyMemory<byte> marker, CancellationToken ct)
    {
        root = Path.GetFullPath(root);
        Directory.CreateDirectory(root);
        var stem = StorageDirectoryStem.Of(nodePath, fallback);
        while (true)
        {
            var directory = Path.Combine(root, $"{stem}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}");
            if (Directory.Exists(directory))
            {
                continue;
            }

            Directory.CreateDirectory(directory);
            var markerPath = Path.Combine(directory, markerName);
            try
            {
                await AtomicFile.WriteAsync(markerPath, marker, overwrite: false, ct);
                return directory;
            }
            catch (IOException) when (File.Exists(markerPath))
            {
                // A concurrent creation drew the same name and won: draw again.
            }
            catch
            {
                RemoveEmpty(directory);
                throw;
            }
        }
    }

    /// <summary>Removes a directory this create made, which holds nothing (AtomicFile removed its temporary file).</summary>
    private static void RemoveEmpty(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: false);
        }
        catch (IOException)
        {
            // Not empty (never ours to remove) or already gone.
        }
    }
}
