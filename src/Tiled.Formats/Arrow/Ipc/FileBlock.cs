namespace Tiled.Formats.Arrow.Ipc;

/// <summary>
/// A <c>Block</c> of File.fbs: where a message starts in the file, the length of its framed
/// metadata (prefix and padding included) and of its body.
/// </summary>
internal readonly record struct FileBlock(long Offset, int MetadataLength, long BodyLength)
{
    public const int Size = 24;

    public long End => Offset + MetadataLength + BodyLength;

    /// <summary>True when the message lies after the file's leading magic and ends by <paramref name="limit"/> (where the footer starts).</summary>
    public bool FitsBefore(long limit) =>
        Offset >= FooterCodec.Header.Length && MetadataLength > 0 && BodyLength >= 0
        && Offset <= limit && MetadataLength <= limit && BodyLength <= limit && End <= limit;
}
