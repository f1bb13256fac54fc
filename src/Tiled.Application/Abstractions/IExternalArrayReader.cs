using Tiled.Domain.Arrays;
using Tiled.Domain.DataSources;

namespace Tiled.Application.Abstractions;

/// <summary>
/// Reads arrays held in files that Tiled does not own (data sources with <c>management: external</c>),
/// dispatched by the data source's mimetype. Asset URIs are confined to the configured directories.
/// Failures are <see cref="ExternalDataException"/>s.
/// </summary>
public interface IExternalArrayReader
{
    /// <summary>
    /// Opens the data source's files and returns the structure they actually hold (dtype, shape and a
    /// chunking: one chunk per file or page along the first axis for sequences, the store's own chunks
    /// for Zarr, the whole image otherwise), so that a declared structure can be checked against it.
    /// </summary>
    Task<ArrayStructure> InspectAsync(DataSource source, CancellationToken ct);

    /// <summary>
    /// Reads the box <c>[start, start+count)</c> (inside <paramref name="structure"/>'s shape) as C-order
    /// bytes in <paramref name="structure"/>'s dtype and byte order. The files must still hold that
    /// dtype (byte order may differ: values are swapped) and shape.
    /// </summary>
    Task<byte[]> ReadBoxAsync(DataSource source, ArrayStructure structure, long[] start, long[] count, CancellationToken ct);

    /// <summary>
    /// When the data source's files last changed (the newest of its assets; a directory's own time
    /// for a directory store), or null when none can be found.
    /// </summary>
    Task<DateTimeOffset?> LastModifiedAsync(DataSource source, CancellationToken ct);
}
