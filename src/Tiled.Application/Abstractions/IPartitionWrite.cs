namespace Tiled.Application.Abstractions;

/// <summary>
/// A stored partition write that can still be taken back: the partition's previous content is kept
/// beside it until <see cref="Keep"/> or <see cref="Undo"/>. Call either while the table's writers are
/// still held off (the node's write lock).
/// </summary>
public interface IPartitionWrite
{
    /// <summary>The write stands: the previous content is dropped.</summary>
    void Keep();

    /// <summary>The partition is put back as it was before the write (never written: absent again).</summary>
    void Undo();
}
