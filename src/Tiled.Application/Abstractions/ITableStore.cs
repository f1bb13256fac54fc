using Tiled.Domain.Tables;
using Tiled.Formats.Arrow;

namespace Tiled.Application.Abstractions;

/// <summary>
/// Storage of writable tables, one store per table data source holding each partition as an Arrow
/// IPC stream that other tools (pyarrow, apache-arrow) can read. A partition never written reads as
/// no rows with the table's schema. Writes to one table are serialised within the process, and each
/// write replaces the partition atomically: a failed write leaves it exactly as it was.
/// </summary>
public interface ITableStore
{
    /// <summary>Creates empty storage for <paramref name="structure"/> and returns its <c>file://localhost/...</c> data URI.</summary>
    Task<string> CreateAsync(IReadOnlyList<string> nodePath, TableStructure structure, CancellationToken ct);

    /// <summary>
    /// Replaces partition <paramref name="partition"/> with <paramref name="data"/> (its schema and
    /// metadata kept as given); the write can be taken back until it is kept.
    /// </summary>
    Task<IPartitionWrite> ReplacePartitionAsync(string dataUri, int partition, ArrowTable data, CancellationToken ct);

    /// <summary>
    /// Appends the rows of <paramref name="data"/> to partition <paramref name="partition"/> without
    /// rewriting what is there. The data must match the stored partition's columns (an extra pandas
    /// index column is dropped), else <see cref="SchemaMismatchException"/>; a partition never
    /// written takes <paramref name="data"/> as it is. The append can be taken back until it is kept.
    /// </summary>
    Task<IPartitionWrite> AppendPartitionAsync(string dataUri, int partition, ArrowTable data, CancellationToken ct);

    /// <summary>The stored rows of partition <paramref name="partition"/>, or none with <paramref name="structure"/>'s schema.</summary>
    Task<ArrowTable> ReadPartitionAsync(string dataUri, int partition, TableStructure structure, CancellationToken ct);

    /// <summary>Removes the storage; missing storage is not an error.</summary>
    Task DeleteAsync(string dataUri, CancellationToken ct);
}
