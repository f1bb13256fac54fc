using Tiled.Domain.Arrays;

namespace Tiled.Application.Abstractions;

/// <summary>
/// Storage of writable arrays, one store (a Zarr v2 directory) per array data source. Element bytes
/// are always C-order in the structure's declared dtype and byte order. Regions never written read
/// as zeros.
/// </summary>
public interface IArrayStore
{
    /// <summary>Creates empty storage for <paramref name="structure"/> and returns its <c>file://</c> data URI.</summary>
    Task<string> CreateAsync(IReadOnlyList<string> nodePath, ArrayStructure structure, CancellationToken ct);

    /// <summary>Reads the box <c>[start, start+count)</c> (inside the shape) as C-order bytes.</summary>
    Task<byte[]> ReadBoxAsync(string dataUri, ArrayStructure structure, long[] start, long[] count, CancellationToken ct);

    /// <summary>
    /// Writes C-order <paramref name="data"/> of shape <paramref name="count"/> at <paramref name="start"/>
    /// (inside the shape). Each touched chunk is replaced atomically (temp file + rename).
    /// </summary>
    Task WriteBoxAsync(string dataUri, ArrayStructure structure, long[] start, long[] count, ReadOnlyMemory<byte> data, CancellationToken ct);

    /// <summary>Records a new (grown) shape and chunking; existing values keep their positions.</summary>
    Task ResizeAsync(string dataUri, ArrayStructure newStructure, CancellationToken ct);

    /// <summary>Removes the storage; missing storage is not an error.</summary>
    Task DeleteAsync(string dataUri, CancellationToken ct);
}
