using Tiled.Application.Abstractions;
using Tiled.Domain.DataSources;

namespace Tiled.Application.Arrays;

/// <summary>Reads a box of an array from wherever its data lives: our Zarr storage or a registered external file.</summary>
public sealed class ArrayBoxReader(IArrayStore arrays, IExternalArrayReader external)
{
    internal Task<byte[]> ReadAsync(ArrayTarget target, long[] start, long[] count, CancellationToken ct) =>
        target.Source.Management == Management.Writable
            ? arrays.ReadBoxAsync(target.DataUri, target.Structure, start, count, ct)
            : external.ReadBoxAsync(target.Source, target.Structure, start, count, ct);

    /// <summary>When a registered array's files last changed (null for our own storage).</summary>
    internal Task<DateTimeOffset?> LastModifiedAsync(ArrayTarget target, CancellationToken ct) =>
        target.Source.Management == Management.Writable
            ? Task.FromResult<DateTimeOffset?>(null)
            : external.LastModifiedAsync(target.Source, ct);

    /// <summary>The stored file holding exactly the box's bytes, when our storage has one (see <see cref="IBoxFiles"/>).</summary>
    internal Task<FileStream?> TryOpenFileAsync(ArrayTarget target, long[] start, long[] count, CancellationToken ct) =>
        target.Source.Management == Management.Writable && arrays is IBoxFiles files
            ? files.TryOpenBoxFileAsync(target.DataUri, target.Structure, start, count, ct)
            : Task.FromResult<FileStream?>(null);
}
