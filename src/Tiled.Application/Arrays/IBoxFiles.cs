using Tiled.Domain.Arrays;

namespace Tiled.Application.Arrays;

/// <summary>
/// An array store that can hand out a stored file whose bytes are exactly a box (an uncompressed
/// chunk the box covers exactly), so the box can be sent without being read into memory first.
/// </summary>
public interface IBoxFiles
{
    /// <summary>
    /// Opens the file holding exactly the C-order bytes of the box <c>[start, start+count)</c>, or
    /// returns null when no stored file does (the box is read the general way). The caller disposes it.
    /// </summary>
    Task<FileStream?> TryOpenBoxFileAsync(string dataUri, ArrayStructure structure, long[] start, long[] count, CancellationToken ct);
}
