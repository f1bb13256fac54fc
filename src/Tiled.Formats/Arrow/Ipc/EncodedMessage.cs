namespace Tiled.Formats.Arrow.Ipc;

/// <summary>
/// A message ready to write: its framed metadata, then the body as segments (buffers, each
/// followed by zero padding to 8 bytes). Body segments may reference the columns' own memory.
/// </summary>
internal sealed class EncodedMessage(byte[] metadata, IReadOnlyList<ReadOnlyMemory<byte>> body, long bodyLength)
{
    public byte[] Metadata { get; } = metadata;

    public long BodyLength { get; } = bodyLength;

    public long Length => Metadata.Length + BodyLength;

    public IEnumerable<ReadOnlyMemory<byte>> Segments()
    {
        yield return Metadata;
        foreach (var segment in body)
        {
            yield return segment;
        }
    }
}
